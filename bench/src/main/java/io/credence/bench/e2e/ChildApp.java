package io.credence.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trainer or scorer in its own JVM, launched as the {@code credence} launcher launches the apps (heap limit, ND4J
 * native-memory limit, OMP_NUM_THREADS=1), with this JVM's class path, so its resident memory is its own. Output goes
 * to a log file.
 */
public final class ChildApp implements AutoCloseable {
    /** The launcher's default heap limit (CREDENCE_HEAP). */
    public static final String HEAP = "2g";
    /** The launcher's default ND4J native-memory limit (CREDENCE_NATIVE). */
    public static final String NATIVE = "6G";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ChildApp(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code config} as {@code -key=value} arguments and an HTTP port of its own.
     *
     * @param log   file that receives the child's standard output and error
     * @param heap  the -Xmx value, e.g. {@value #HEAP}
     * @param gcLog the GC log to write, or null for none
     */
    public static ChildApp start(String name, String mainClass, Map<String, Object> config, Path log, String heap, GcLog gcLog) {
        int port = freePort();
        Map<String, Object> withPort = new HashMap<>(config);
        withPort.put("micronaut.server.port", port);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + NATIVE,
                "-Dorg.bytedeco.javacpp.cachedir=" + Path.of(System.getProperty("user.home"), ".javacpp", "cache"),
                "-Dlogback.configurationFile=bench-logback.xml",
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        if (gcLog != null) command.add(1, gcLog.option());
        command.addAll(Pipeline.arguments(withPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        try {
            return new ChildApp(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public long pid() { return process.pid(); }

    public URI url() { return URI.create("http://localhost:" + port); }

    /** Its resident memory now. */
    public ResidentMemory memory() {
        requireAlive();
        return ResidentMemory.of(process.pid());
    }

    /**
     * Waits until GET /health answers 200 (HTTP up and Kafka Streams running or rebalancing).
     *
     * @throws IllegalStateException when the child exits or is not healthy within {@code timeout}
     */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(200); // polling pace while the child starts, not synchronisation
        }
        throw new IllegalStateException(name + " is not healthy after " + timeout + " (last answer: " + last + "); log: " + log);
    }

    /** Throws, with the end of its log, when the child has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; end of " + log + ":\n" + logTail());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Asks the child to stop (SIGTERM: the apps commit and close), and kills it if it has not within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
