package io.credence.cli;

import io.credence.broker.BrokerStartException;
import io.credence.cli.csv.CsvException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns every error into one line on standard error, {@code credence <command>: error: <what>}, with exit status 1
 * (failure) or 2 (bad usage, followed by a pointer to --help); CREDENCE_DEBUG=1 adds the stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": error: " + message(e));
        if (debug()) e.printStackTrace(err);
        err.flush();
        return FAILURE;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        if (debug()) e.printStackTrace(err);
        err.flush();
        return USAGE;
    }

    /** The message to show: the user-facing text of known failures, the root cause of anything else. */
    static String message(Throwable e) {
        if (e instanceof CommandFailure || e instanceof CsvException || e instanceof BrokerStartException
                || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String text = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.lines().findFirst().orElse(text) + (debug() ? "" : " (CREDENCE_DEBUG=1 shows the stack trace)");
    }

    static boolean debug() {
        return "1".equals(System.getenv("CREDENCE_DEBUG")) || Boolean.getBoolean("credence.debug");
    }
}
