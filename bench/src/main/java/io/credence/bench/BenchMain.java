package io.credence.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line of the core benchmark: {@code BenchMain [--quick] [--json FILE] [--markdown FILE | --no-markdown]
 * [--reference SCRIPT] [--repetitions R] [--rows N] [--seed S]}. Run with OMP_NUM_THREADS=1 (as the apps are).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "bench-logback.xml");
        int status = run(args, System.out, System.err);
        if (status != 0) System.exit(status);
    }

    /** Parses {@code args}, runs, and returns the exit status (0 ok, 2 bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println("usage: bench [--quick] [--json FILE] [--markdown FILE | --no-markdown] [--reference SCRIPT] "
                    + "[--repetitions R] [--rows N] [--seed S]");
            return 2;
        }
        BenchRunner.run(options, commandLine(BenchMain.class, args), out);
        return 0;
    }

    /** This JVM's command line as a user would retype it: environment, JVM options, class path, main class, arguments. */
    public static String commandLine(Class<?> main, String[] args) {
        String omp = System.getenv("OMP_NUM_THREADS");
        List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        return (omp == null ? "" : "OMP_NUM_THREADS=" + omp + " ") + "java " + String.join(" ", jvm)
                + " -cp " + System.getProperty("java.class.path") + " " + main.getName() + (args.length == 0 ? "" : " " + String.join(" ", args));
    }

    static BenchOptions parse(List<String> args) {
        BenchOptions o = args.contains("--quick") ? BenchOptions.quickRun() : BenchOptions.defaults();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--quick" -> { }
                case "--json" -> o = o.withJson(Path.of(value(args, ++i, a)));
                case "--markdown" -> o = o.withMarkdown(Path.of(value(args, ++i, a)));
                case "--no-markdown" -> o = o.withMarkdown(null);
                case "--reference" -> o = o.withReference(Path.of(value(args, ++i, a)));
                case "--repetitions" -> o = o.withRepetitions(Integer.parseInt(value(args, ++i, a)));
                case "--rows" -> o = o.withRows(Integer.parseInt(value(args, ++i, a)));
                case "--seed" -> o = o.withSeed(Long.parseLong(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }
}
