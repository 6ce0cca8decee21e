/** One class per command: validate the options, build a settings record, make one library call. */
package bloom.cli.command;
