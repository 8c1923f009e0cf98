package io.credence.kit;

import io.credence.app.EmbeddedApp;
import io.credence.app.SerdeSettings;
import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.schemas.serde.WireFormat;
import org.apache.kafka.clients.admin.Admin;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The whole pipeline in this JVM, for {@code credence demo}, the bench's streamed UCI evaluation and the CLI's tests: an
 * embedded KRaft broker, its topics under their default names (created up front, as the compose file's initialiser
 * does), and a trainer and a scorer against it (free HTTP ports, state under a scratch directory, a short idle flush).
 * The apps come from the caller ({@code TrainerApp::start}, {@code ScorerApp::start}), so the kit does not depend on
 * their modules. {@link #close} stops them in reverse order and deletes the state.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /** Micronaut's HTTP port key; 0 asks the apps for a free port. */
    private static final String HTTP_PORT = "micronaut.server.port";

    private final EmbeddedKafkaBroker broker;
    private final ScratchDir state;
    private final SerdeSettings serde;
    private final WireFormat format;
    private EmbeddedApp trainer;
    private EmbeddedApp scorer;

    private LocalStack(EmbeddedKafkaBroker broker, ScratchDir state, SerdeSettings serde) {
        this.broker = broker;
        this.state = state;
        this.serde = serde;
        this.format = serde.wireFormat();
    }

    /** As {@link #start(int, SerdeSettings, EmbeddedApp.Starter, EmbeddedApp.Starter)} on a free port, in single-object encoding. */
    public static LocalStack start(EmbeddedApp.Starter trainer, EmbeddedApp.Starter scorer) {
        return start(0, new SerdeSettings(null, null, null), trainer, scorer);
    }

    /**
     * Starts the broker on {@code port} (0: a free one), creates the topics (with a registry: registers their schemas,
     * each kept version in turn), then starts the trainer and the scorer framing their records as {@code serde} says,
     * and waits until both stream apps run.
     *
     * @param trainer starts a stream-trainer, e.g. {@code TrainerApp::start}
     * @param scorer  starts a stream-scorer, e.g. {@code ScorerApp::start}
     * @throws io.credence.broker.BrokerStartException when the port is taken or the broker does not start
     */
    public static LocalStack start(int port, SerdeSettings serde, EmbeddedApp.Starter trainer, EmbeddedApp.Starter scorer) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).start();
        LocalStack stack;
        try {
            stack = new LocalStack(broker, ScratchDir.create("credence-demo-state-"), serde);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        try {
            StackTopics topics = StackTopics.defaults(3, (short) 1);
            try (Admin admin = Admin.create(stack.clientSettings())) {
                topics.ensure(admin);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the embedded broker at " + broker.bootstrapServers() + " does not answer", e);
            }
            topics.registerSchemas(stack.format);
            stack.trainer = trainer.start(stack.trainerOverrides());
            stack.scorer = scorer.start(stack.overrides("scorer"));
            stack.trainer.awaitRunning(START_TIMEOUT);
            stack.scorer.awaitRunning(START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IllegalStateException failure = new IllegalStateException("interrupted while starting the pipeline", e);
            stack.closeAfter(failure);
            throw failure;
        } catch (RuntimeException e) {
            stack.closeAfter(e);
            throw e;
        }
        return stack;
    }

    private Map<String, Object> trainerOverrides() {
        Map<String, Object> o = overrides("trainer");
        // The last partial mini-batch of a replay is learned after 1 s without records rather than the default 10 s.
        o.put("credence.trainer.idle-flush", "1s");
        o.put("credence.trainer.punctuate-interval", "250ms");
        o.put("credence.trainer.rehearsal-cpu-share", "1.0"); // a stack of its own on this machine: rehearse on a whole core
        return o;
    }

    /** What both apps get: this broker, state under {@code app}, a short commit interval, a free port, the framing. */
    private Map<String, Object> overrides(String app) {
        Map<String, Object> o = new HashMap<>();
        o.put("credence.kafka.bootstrap-servers", broker.bootstrapServers());
        o.put("credence.kafka.state-dir", state.path().resolve(app).toString());
        o.put("credence.kafka.properties.commit.interval.ms", "200");
        o.put(HTTP_PORT, 0);
        o.putAll(serde.overrides());
        return o;
    }

    /** The broker's plaintext {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Kafka client settings for this stack's broker. */
    public Map<String, Object> clientSettings() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    /** The trainer's HTTP base URL. */
    public URI trainerUrl() {
        return trainer.url();
    }

    /** The scorer's HTTP base URL (its live page). */
    public URI scorerUrl() {
        return scorer.url();
    }

    /** How the apps frame the records of the topics users read and write (one registry client per stack). */
    public WireFormat wireFormat() {
        return format;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {scorer, trainer, broker, state}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("stopping the local stack failed: " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private void closeAfter(RuntimeException startFailure) {
        try {
            close();
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
    }
}
