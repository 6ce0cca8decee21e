/** Option mixins shared by the commands, their converters and configuration files. */
package bloom.cli.option;
