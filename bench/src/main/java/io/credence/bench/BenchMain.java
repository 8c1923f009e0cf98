package io.credence.bench;

import java.util.List;

/**
 * Standalone main of the core benchmark: {@code BenchMain [options]} runs {@code credence bench core [options]}
 * ({@link CoreCommand}), recording this JVM's command line in the report. Run with OMP_NUM_THREADS=1 (as the apps are).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        BenchCli.exit(commandLine(BenchMain.class, args), BenchCli.command("bench core", args));
    }

    /** This JVM's command line as a user would retype it: environment, JVM options, class path, main class, arguments. */
    public static String commandLine(Class<?> main, String[] args) {
        String omp = System.getenv("OMP_NUM_THREADS");
        List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        return (omp == null ? "" : "OMP_NUM_THREADS=" + omp + " ") + "java " + String.join(" ", jvm)
                + " -cp " + System.getProperty("java.class.path") + " " + main.getName() + (args.length == 0 ? "" : " " + String.join(" ", args));
    }
}
