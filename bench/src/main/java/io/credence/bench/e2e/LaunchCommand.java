package io.credence.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The command line that started this JVM, as a shell would repeat it: JVM options, class path, main, arguments. */
public final class LaunchCommand {
    private LaunchCommand() {}

    /** e.g. {@code java -Xmx2g -cp bench/target/benchmarks.jar io.credence.bench.e2e.Soak 10} */
    public static String of(Class<?> main, String[] args) {
        List<String> words = new ArrayList<>();
        words.add("java");
        words.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        words.add("-cp");
        words.add(System.getProperty("java.class.path"));
        words.add(main.getName());
        words.addAll(List.of(args));
        return String.join(" ", words);
    }
}
