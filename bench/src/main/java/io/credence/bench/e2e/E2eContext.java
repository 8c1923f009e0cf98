package io.credence.bench.e2e;

import io.credence.kit.ScratchDir;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What every end-to-end measurement of one run shares: the broker, an admin client, a scratch directory for state,
 * the seed, the time limit of one measurement, the progress log, and a counter that gives each measurement fresh
 * topics.
 */
public final class E2eContext implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;
    private final ScratchDir scratch;
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
        this.scratch = ScratchDir.create("credence-e2e-");
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
        return scratch.newDir(name);
    }

    /** Prints one progress line. */
    public void log(String format, Object... args) {
        log.printf(Locale.ROOT, format + "%n", args);
        log.flush();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
        scratch.close();
    }
}
