package io.credence.cli;

import io.credence.cli.console.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code credence} command: the root of every subcommand, and the process entry point. */
@Command(name = "credence", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Online Bayesian neural networks on Kafka streams, with calibrated predictive uncertainty.",
        subcommands = {DemoCommand.class, BrokerCommand.class, TrainerCommand.class, ScorerCommand.class,
                TopicsCommand.class, ProduceCommand.class, PredictCommand.class, PosteriorCommand.class,
                TailCommand.class, SpecCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  credence demo                         # the whole pipeline in one JVM, pictures in demo-out/",
                "  credence broker --port 9092           # a Kafka broker for the commands below",
                "  credence trainer & credence scorer &  # the two apps against localhost:9092",
                "  credence produce --model house --csv train.csv --target price",
                "  credence predict --model house --csv test.csv --out predictions.csv",
                "  credence posterior --model house --samples 1000 > draws.csv",
                "  credence tail predictions",
                "  credence bench --help                 # the benchmarks (bench module)",
                "  credence eval --help                  # the UCI evaluation (bench module)",
                "",
                "Set CREDENCE_DEBUG=1 to see stack traces of errors."})
public final class Credence implements Runnable {

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its status: 0 success, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", Logging.CONFIGURATION);
        }
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the command line in this JVM and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine();
        try {
            return commandLine.execute(args);
        } catch (Error e) { // picocli hands Errors (a broken class path, out of memory) straight through
            System.err.println("credence: error: " + ErrorReporter.message(e));
            if (ErrorReporter.debug()) e.printStackTrace();
            return ErrorReporter.FAILURE;
        }
    }

    /** The command line with the CLI's error handling: one line per error, no stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new Credence())
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler(new ErrorReporter())
                .setParameterExceptionHandler(new ErrorReporter());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
