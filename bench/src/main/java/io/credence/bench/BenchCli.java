package io.credence.bench;

import io.credence.bench.drift.DriftSetting;
import io.credence.bench.e2e.E2eOptions;
import io.credence.bench.e2e.E2ePart;
import io.credence.bench.e2e.Guarantee;
import io.credence.bench.eval.EvalCommand;
import io.credence.bench.eval.UciTuning;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The part of the {@code credence} command line that lives in the bench module: {@code credence bench} (the
 * benchmarks, {@link BenchCommand}) and {@code credence eval} (the UCI evaluation, {@link EvalCommand}). The
 * ./credence launcher runs {@link #main} with its arguments as given; the benchmarks' standalone mains
 * ({@link BenchMain}, {@code E2eBench}, {@code DriftBench}, ...) run their subcommand through {@link #exit}.
 * Exit status: 0 done, 1 failed (a soak that missed its limits, an error), 2 bad arguments.
 */
@Command(name = "credence", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = BenchCli.Version.class,
        usageHelpAutoWidth = true,
        description = "Benchmarks and the UCI evaluation of Credence (the bench module's commands).",
        subcommands = {BenchCommand.class, EvalCommand.class})
public final class BenchCli implements Runnable {
    private final String invokedAs;

    @Spec
    CommandSpec spec;

    private BenchCli(String invokedAs) {
        this.invokedAs = invokedAs;
    }

    /** The ./credence launcher's entry: {@code bench ...} or {@code eval ...}, recorded in reports as {@code ./credence ARGS}. */
    public static void main(String[] args) {
        exit("./credence " + String.join(" ", args), args);
    }

    /**
     * Runs {@code args} and exits the JVM with their status (Kafka clients of closed apps may leave non-daemon threads
     * winding down).
     *
     * @param invokedAs the command line as the user typed it, printed and recorded in reports
     */
    public static void exit(String invokedAs, String... args) {
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "bench-logback.xml");
        System.exit(commandLine(invokedAs).execute(args));
    }

    /** {@code command} (e.g. {@code bench e2e}) followed by {@code args}. */
    public static String[] command(String command, String[] args) {
        return Stream.concat(Arrays.stream(command.split(" ")), Arrays.stream(args)).toArray(String[]::new);
    }

    /** The command line, with the converters of the benchmarks' own value types. */
    public static CommandLine commandLine(String invokedAs) {
        return new CommandLine(new BenchCli(invokedAs))
                .registerConverter(E2ePart.class, converter(E2ePart::parse))
                .registerConverter(Guarantee.class, converter(Guarantee::parse))
                .registerConverter(E2eOptions.Parallelism.class, converter(E2eOptions.Parallelism::parse))
                .registerConverter(DriftSetting.class, converter(DriftSetting::parse))
                .registerConverter(UciTuning.Candidate.class, converter(UciTuning.Candidate::parse));
    }

    /** How the command running under {@code spec} was invoked, for its report. */
    public static String invokedAs(CommandSpec spec) {
        return ((BenchCli) spec.root().userObject()).invokedAs;
    }

    /** What {@code options} builds, or, when it rejects the arguments, a usage error (message, usage, exit status 2). */
    public static <T> T usage(CommandSpec spec, Supplier<T> options) {
        try {
            return options.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Appends to the help of {@code spec} the defaults of its full run and its {@code --quick} run, as the arguments that
     * set them, wrapped to the help's width.
     */
    public static void describeDefaults(CommandSpec spec, String full, String quick) {
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.add("%nDefaults:");
        footer.addAll(wrap(full));
        footer.add("With --quick:");
        footer.addAll(wrap(quick));
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    /**
     * {@code arguments} in lines of at most 78 characters, indented by two, each option beside its value; a list too
     * long for one line goes on over the next, after a comma.
     */
    private static List<String> wrap(String arguments) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("  ");
        for (String option : arguments.trim().split(" (?=--)")) {
            if (line.length() > 2 && line.length() + 1 + option.length() > 78) {
                lines.add(line.toString());
                line = new StringBuilder("  ");
            }
            if (line.length() > 2) line.append(' ');
            for (String item : option.split("(?<=,)")) {
                if (line.length() + item.length() > 78) {
                    lines.add(line.toString());
                    line = new StringBuilder("    ");
                }
                line.append(item);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version line: the bench jar's implementation version and the Java running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchCli.class.getPackage().getImplementationVersion();
            return new String[] {"credence bench " + (version == null ? "(development build)" : version) + ", Java " + System.getProperty("java.version")};
        }
    }
}
