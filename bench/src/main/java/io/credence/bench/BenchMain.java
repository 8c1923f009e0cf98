package io.credence.bench;

import java.util.List;

/**
 * Standalone main of the core benchmark: {@code BenchMain [options]} runs {@code credence bench core [options]}
 * ({@link CoreCommand}), recording this JVM's command line in the report.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        BenchCli.exit(commandLine(BenchMain.class, args), BenchCli.command("bench core", args));
    }

    /** This JVM's command line as a user would retype it: JVM options, class path, main class, arguments. */
    public static String commandLine(Class<?> main, String[] args) {
        List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        return "java " + String.join(" ", jvm)
                + " -cp " + System.getProperty("java.class.path") + " " + main.getName() + (args.length == 0 ? "" : " " + String.join(" ", args));
    }
}
