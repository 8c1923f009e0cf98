package io.credence.bench.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every end-to-end measurement of one run shares: the broker, an admin client, a scratch directory for state,
 * the seed, the time limit of one measurement, the progress log, and a counter that gives each measurement fresh
 * topics.
 */
public final class E2eContext implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;
    private final Path scratch;
    private final long seed;
    private final Duration timeout;
    private final PrintStream log;
    private int measurements;

    /** @param timeout the longest one app may take to start or to finish its input */
    public E2eContext(String bootstrap, long seed, Duration timeout, PrintStream log) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.seed = seed;
        this.timeout = timeout;
        this.log = log;
        try {
            this.scratch = Files.createTempDirectory("credence-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory", e);
        }
    }

    public String bootstrap() { return bootstrap; }
    public long seed() { return seed; }
    public Duration timeout() { return timeout; }

    /** Fresh, created topics for the next measurement, with {@code partitions} partitions each. */
    public synchronized Pipeline newPipeline(int partitions) {
        Pipeline p = new Pipeline(String.format(Locale.ROOT, "m%03d-", ++measurements), partitions);
        p.create(admin);
        return p;
    }

    /** A new, empty state directory named {@code name}. */
    public Path stateDir(String name) {
        try {
            return Files.createDirectories(scratch.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + scratch.resolve(name), e);
        }
    }

    /** Prints one progress line. */
    public void log(String format, Object... args) {
        log.printf(Locale.ROOT, format + "%n", args);
        log.flush();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
        deleteTree(scratch);
    }

    /** Deletes {@code root} and everything below it. */
    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
