package io.credence.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An app's main class running in a child JVM on this JVM's class path: so its resident memory is its own, and so a
 * test can stop it the hard way (SIGKILL: no shutdown hook, no commit, no leave-group). Its configuration (keys of the app's yml file) reaches it as the {@link Builder} says: command-line
 * arguments, system properties or environment variables, all of which Micronaut reads. Output goes to a log file.
 */
public final class ChildApp implements AutoCloseable {
    /** How long {@link #stop} waits after SIGTERM before it kills. */
    public static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);
    /** The JDK's Vector API module, which bnn-core's kernel uses where the JVM resolves it. */
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final int LOG_TAIL_LINES = 60;

    /** How the configuration reaches the child's Micronaut. */
    public enum Channel {
        /** {@code -key=value} arguments of its main. */
        ARGUMENTS,
        /** {@code -Dkey=value} system properties. */
        SYSTEM_PROPERTIES,
        /**
         * Environment variables, as a container is configured: {@code credence.kafka.bootstrap-servers} as
         * CREDENCE_KAFKA_BOOTSTRAP_SERVERS.
         */
        ENVIRONMENT
    }

    private final String name;
    private final Process process;
    private final Integer port;
    private final Path log;
    private final boolean stopOnClose;

    private ChildApp(String name, Process process, Integer port, Path log, boolean stopOnClose) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopOnClose = stopOnClose;
    }

    /** A child named {@code name} (for messages) that runs {@code mainClass}. */
    public static Builder of(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    /** The Vector API's module where this JVM has it, so that a child trains and scores with the same kernel. */
    public static List<String> inheritedSettings() {
        List<String> options = new ArrayList<>();
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) options.add("--add-modules=" + VECTOR_MODULE);
        return options;
    }

    /** {@code config} as command-line arguments of a Micronaut main ({@code -key=value}), sorted by key. */
    public static List<String> arguments(Map<String, Object> config) {
        return config.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "-" + e.getKey() + "=" + value(e.getValue())).toList();
    }

    /** credence.kafka.bootstrap-servers -> CREDENCE_KAFKA_BOOTSTRAP_SERVERS. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A value as Micronaut reads it from one string: a list comma-separated. */
    private static String value(Object value) {
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    /** What to start: JVM options, configuration and its channel, HTTP port, log file, what {@link #close} does. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, Object> config = new LinkedHashMap<>();
        private Channel channel = Channel.SYSTEM_PROPERTIES;
        private boolean freePort;
        private boolean stopOnClose;
        private Path log;

        private Builder(String name, String mainClass) {
            this.name = name;
            this.mainClass = mainClass;
        }

        /** Options of the child JVM, e.g. {@code -Xmx512m}. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** The app's configuration overrides and how they reach it (default: system properties). */
        public Builder config(Map<String, Object> settings, Channel how) {
            config.putAll(settings);
            channel = how;
            return this;
        }

        /** Gives the app a free HTTP port of its own ({@code micronaut.server.port}), so that {@link #url} is known. */
        public Builder freeHttpPort() {
            freePort = true;
            return this;
        }

        /** {@link #close} stops the child gracefully ({@link #stop}) rather than killing it. */
        public Builder stopOnClose() {
            stopOnClose = true;
            return this;
        }

        /** The file that receives the child's standard output and error. */
        public Builder log(Path file) {
            log = file;
            return this;
        }

        /** Starts the child; returns at once (see {@link ChildApp#awaitHealthy}). */
        public ChildApp start() {
            if (log == null) throw new IllegalStateException("no log file for " + name);
            Map<String, Object> settings = new LinkedHashMap<>(config);
            Integer port = freePort ? freePort() : null;
            if (port != null) settings.put("micronaut.server.port", port);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            if (channel == Channel.SYSTEM_PROPERTIES) settings.forEach((k, v) -> command.add("-D" + k + "=" + value(v)));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
            if (channel == Channel.ARGUMENTS) command.addAll(arguments(settings));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (channel == Channel.ENVIRONMENT) settings.forEach((k, v) -> builder.environment().put(environmentName(k), value(v)));
            try {
                return new ChildApp(name, builder.start(), port, log, stopOnClose);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ") in a child JVM", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The HTTP base URL of an app started with {@link Builder#freeHttpPort}. */
    public URI url() {
        if (port == null) throw new IllegalStateException(name + " was started without a known HTTP port");
        return URI.create("http://localhost:" + port);
    }

    /** Whether the child JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Throws, with the end of its log, when the child has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; end of " + log + ":\n" + logTail());
        }
    }

    /** The last lines of the child's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until GET /health answers 200 (HTTP up and Kafka Streams running or rebalancing).
     *
     * @throws IllegalStateException when the child exits or is not healthy within {@code timeout}
     */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                Http.Response r = Http.get(url(), "/health");
                if (r.status() == 200) return;
                last = r.status() + " " + r.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString(); // not listening yet
            }
            Thread.sleep(200); // polling pace while the child starts, not synchronisation
        }
        throw new IllegalStateException(name + " is not healthy after " + timeout + " (last answer: " + last + "); log: " + log);
    }

    /** SIGKILL; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, so the app's shutdown hook commits and leaves the group; SIGKILL if it has not exited within {@link #GRACEFUL_STOP}. */
    public void stop() {
        process.destroy();
        if (!waitFor(GRACEFUL_STOP)) kill();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
        }
    }

    /** Stops the child if it still runs: gracefully if so built ({@link Builder#stopOnClose}), else SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        if (stopOnClose) stop();
        else kill();
    }
}
