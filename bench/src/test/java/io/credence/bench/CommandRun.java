package io.credence.bench;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A bench command line run in this JVM as {@link BenchCli#main} runs it, with what picocli printed (help, usage errors);
 * or only parsed, to read the options a command was given.
 *
 * @param status the exit status
 * @param out    what picocli wrote to standard output
 * @param err    what picocli wrote to standard error
 */
public record CommandRun(int status, String out, String err) {

    /** Runs {@code args} (e.g. {@code bench e2e --help}). */
    public static CommandRun of(String... args) {
        CommandLine commandLine = BenchCli.commandLine("test");
        StringWriter out = new StringWriter(), err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new CommandRun(status, out.toString(), err.toString());
    }

    /** The command {@code args} select, its options set from them; nothing runs. */
    public static <T> T parsed(Class<T> command, String... args) {
        ParseResult result = BenchCli.commandLine("test").parseArgs(args);
        while (result.hasSubcommand()) result = result.subcommand();
        return command.cast(result.commandSpec().userObject());
    }
}
