/** What the terminal shows: progress bars, sparklines, one-line messages with control characters made visible. */
package bloom.cli.console;
