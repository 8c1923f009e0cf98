package io.credence.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One app's main class running in a child JVM on this test's classpath, so that a test can stop it the hard way:
 * SIGKILL, no shutdown hook, no commit, no leave-group. Configured by system properties (keys of the app's yml file,
 * which Micronaut reads like its own); output goes to a log file.
 */
public final class ChildApp implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private ChildApp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with every {@code config} entry as a system property; output to {@code log}. */
    public static ChildApp start(Class<?> mainClass, Map<String, Object> config, Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        for (String property : List.of("org.bytedeco.javacpp.maxphysicalbytes", "org.bytedeco.javacpp.cachedir")) {
            if (System.getProperty(property) != null) command.add("-D" + property + "=" + System.getProperty(property));
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + propertyValue(value)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        try {
            return new ChildApp(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getName() + " in a child JVM", e);
        }
    }

    /** A list as Micronaut reads one from a single property: comma-separated. */
    private static String propertyValue(Object value) {
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    /** Whether the child JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the child's last log lines if it has died. */
    public void requireAlive() {
        if (!process.isAlive()) throw new AssertionError("the child JVM died (exit " + process.exitValue() + "):\n" + logTail());
    }

    /** The last 60 lines of the child's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGKILL; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, so the app's shutdown hook commits and leaves the group; SIGKILL if it has not exited within a minute. */
    public void stop() {
        process.destroy();
        if (!waitFor(GRACEFUL_STOP)) kill();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM to exit", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}
