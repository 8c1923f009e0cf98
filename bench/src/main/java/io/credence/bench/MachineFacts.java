package io.credence.bench;

import io.credence.bnn.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The facts a benchmark figure is meaningless without: CPU, cores, JDK, OS and locale, and the math's kernel. */
public record MachineFacts(String cpu, int cores, String jdk, String os, String kernel) {

    /** The facts of this JVM and machine. */
    public static MachineFacts current() {
        String kernel = Backend.describe();
        return new MachineFacts(cpuModel().orElse("unknown"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", locale " + Locale.getDefault(Locale.Category.FORMAT),
                kernel);
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Label/value pairs in display order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", cpu);
        m.put("cores", String.valueOf(cores));
        m.put("JDK", jdk);
        m.put("OS", os);
        m.put("math kernel", kernel + " (one thread per caller)");
        return m;
    }
}
