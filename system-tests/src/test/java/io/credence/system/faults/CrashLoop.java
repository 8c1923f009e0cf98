package io.credence.system.faults;

import io.credence.broker.Await;
import io.credence.kit.ChildApp;
import io.credence.kit.TopicLog;
import io.credence.system.harness.OpenTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One app in a child JVM that a test kills with SIGKILL in the middle of a transaction and restarts on the same state
 * directory, again and again. "Mid-transaction" is observed, not guessed: the instance has committed output since it
 * started (so it recovered from the previous kill and works), and its output topic holds records of a transaction
 * still open (so the kill aborts work in flight).
 */
final class CrashLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrashLoop.class);
    /** Small child JVMs that start fast: the apps under test train a tiny model. */
    static final List<String> SMALL_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Class<?> mainClass;
    private final List<String> jvmOptions;
    private final Map<String, Object> config;
    private final Path logDir;
    private final TopicLog output;
    private final OpenTransactions openTransactions;
    private final List<Instant> kills = new ArrayList<>();
    private ChildApp child;
    private int committedAtStart;

    /**
     * Starts the first instance in a small JVM ({@link #SMALL_JVM}).
     *
     * @param output the app's output topic, whose committed growth and open transactions are watched
     */
    CrashLoop(String name, Class<?> mainClass, Map<String, Object> config, Path logDir, String bootstrapServers, String output) {
        this(name, mainClass, SMALL_JVM, config, logDir, bootstrapServers, output);
    }

    /** As {@link #CrashLoop(String, Class, Map, Path, String, String)}, each instance with the JVM options {@code jvmOptions}. */
    CrashLoop(String name, Class<?> mainClass, List<String> jvmOptions, Map<String, Object> config, Path logDir,
              String bootstrapServers, String output) {
        this.name = name;
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.config = config;
        this.logDir = logDir;
        this.output = TopicLog.committed(bootstrapServers, output);
        this.openTransactions = new OpenTransactions(bootstrapServers, output);
        startChild();
    }

    /**
     * Waits until the running instance has committed output since it started and has a transaction open on the output
     * topic, then kills it with SIGKILL and starts the next instance on the same state directory.
     */
    void killMidTransaction(Duration timeout) {
        Await.until(name + " instance " + (kills.size() + 1) + " commits output, then holds an open transaction", timeout,
                () -> hasCommittedSinceStart() && openTransactions.open());
        child.kill();
        kills.add(Instant.now());
        log.info("killed {} instance {} with SIGKILL mid-transaction", name, kills.size());
        startChild();
    }

    /** Waits until the running instance has committed output since it started. */
    void awaitCommittedOutput(Duration timeout) {
        Await.until(name + " instance " + (kills.size() + 1) + " commits output", timeout, this::hasCommittedSinceStart);
    }

    /** Fails if the running instance died. */
    void requireAlive() {
        child.requireAlive();
    }

    /** Stops the running instance gracefully (SIGTERM: commit, leave the group). */
    void stop() {
        child.stop();
    }

    /** When each kill happened. */
    List<Instant> kills() {
        return List.copyOf(kills);
    }

    private boolean hasCommittedSinceStart() {
        child.requireAlive();
        return output.catchUp().size() > committedAtStart;
    }

    private void startChild() {
        committedAtStart = output.catchUp().size();
        child = ChildApp.of(name, mainClass.getName()).jvmOptions(jvmOptions).jvmOptions(ChildApp.inheritedSettings())
                .config(config, ChildApp.Channel.SYSTEM_PROPERTIES)
                .log(logDir.resolve(name + "-" + (kills.size() + 1) + ".log")).start();
    }

    @Override
    public void close() {
        if (child != null) child.close();
        output.close();
        openTransactions.close();
    }
}
