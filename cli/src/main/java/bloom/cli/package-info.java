/**
 * The {@code bloom} command line: {@link bloom.cli.Main} (parsing, configuration files, one line
 * and an exit code per failure), the root command and the exit codes. The commands live in
 * {@code bloom.cli.command}, their options in {@code bloom.cli.option}, terminal output in
 * {@code bloom.cli.console}; the work itself is done by the libraries (nmt trains, film renders).
 */
package bloom.cli;
