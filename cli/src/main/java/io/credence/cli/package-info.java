/**
 * The {@code credence} command line (picocli): {@link io.credence.cli.Credence} and one class per subcommand. Every
 * error reaches the user as one line ({@link io.credence.cli.CommandFailure}), every command has --help with examples.
 */
package io.credence.cli;
