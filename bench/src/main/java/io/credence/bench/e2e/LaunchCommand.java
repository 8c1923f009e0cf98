package io.credence.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line that started this JVM, as a shell would repeat it: OMP_NUM_THREADS, JVM options, class path, main, arguments. */
public final class LaunchCommand {
    private LaunchCommand() {}

    /** e.g. {@code OMP_NUM_THREADS=1 java -Xmx2g -cp bench/target/benchmarks.jar io.credence.bench.e2e.Soak 10} */
    public static String of(Class<?> main, String[] args) {
        List<String> words = new ArrayList<>();
        words.add("OMP_NUM_THREADS=" + Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("(unset)"));
        words.add("java");
        words.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        words.add("-cp");
        words.add(System.getProperty("java.class.path"));
        words.add(main.getName());
        words.addAll(List.of(args));
        return String.join(" ", words);
    }
}
