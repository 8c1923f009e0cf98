package io.credence.cli.demo;

import io.credence.cli.kafka.SerdeOptions;
import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.cli.kafka.PipelineTopics;
import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole pipeline in this JVM, for {@code credence demo} and the bench's streamed UCI evaluation: an embedded KRaft
 * broker, its topics (created up front, as the compose file's initialiser does), the real stream-trainer and
 * stream-scorer apps against it (free HTTP ports, state under a temporary directory, a short idle flush). {@link #close}
 * stops them in reverse order and deletes the state.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private final EmbeddedKafkaBroker broker;
    private final Path stateDir;
    private final SerdeOptions serde;
    private TrainerApp trainer;
    private ScorerApp scorer;

    private LocalStack(EmbeddedKafkaBroker broker, Path stateDir, SerdeOptions serde) {
        this.broker = broker;
        this.stateDir = stateDir;
        this.serde = serde;
    }

    /**
     * Starts the broker on {@code port} (0: a free one), then the trainer, then the scorer, and waits until both stream
     * apps run.
     *
     * @throws io.credence.broker.BrokerStartException when the port is taken or the broker does not start
     */
    public static LocalStack start(int port) {
        return start(port, new SerdeOptions());
    }

    /**
     * As {@link #start(int)}, the apps framing their records as {@code serde} says (with a registry: its schemas
     * registered, each kept version in turn, before the apps start).
     */
    public static LocalStack start(int port, SerdeOptions serde) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).start();
        LocalStack stack;
        try {
            stack = new LocalStack(broker, Files.createTempDirectory("credence-demo-state-"), serde);
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("cannot create a state directory: " + e.getMessage(), e);
        }
        try {
            PipelineTopics.ensure(stack.clientSettings(), 3, (short) 1);
            PipelineTopics.registerSchemas(serde.wireFormat());
            stack.trainer = TrainerApp.start(stack.trainerOverrides());
            stack.scorer = ScorerApp.start(stack.scorerOverrides());
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
        Map<String, Object> o = new HashMap<>();
        o.put("credence.kafka.bootstrap-servers", broker.bootstrapServers());
        o.put("credence.kafka.state-dir", stateDir.resolve("trainer").toString());
        o.put("credence.kafka.properties.commit.interval.ms", "200");
        // The last partial mini-batch of a replay is learned after 1 s without records rather than the default 10 s.
        o.put("credence.trainer.idle-flush", "1s");
        o.put("credence.trainer.punctuate-interval", "250ms");
        o.put("credence.trainer.rehearsal-cpu-share", "1.0"); // a stack of its own on this machine: rehearse on a whole core
        o.put(TrainerApp.HTTP_PORT, 0);
        o.putAll(serde.appOverrides());
        return o;
    }

    private Map<String, Object> scorerOverrides() {
        Map<String, Object> o = new HashMap<>();
        o.put("credence.kafka.bootstrap-servers", broker.bootstrapServers());
        o.put("credence.kafka.state-dir", stateDir.resolve("scorer").toString());
        o.put("credence.kafka.properties.commit.interval.ms", "200");
        o.put(ScorerApp.HTTP_PORT, 0);
        o.putAll(serde.appOverrides());
        return o;
    }

    /** Where this stack's broker and apps are. */
    public DemoTarget target() {
        return new DemoTarget(clientSettings(), broker.bootstrapServers(), trainer.url().toString(), scorer.url().toString(),
                null, serde.wireFormat());
    }

    private Map<String, Object> clientSettings() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {scorer, trainer, broker}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("stopping the demo stack failed: " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        deleteState();
        if (failure != null) throw failure;
    }

    private void closeAfter(RuntimeException startFailure) {
        try {
            close();
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
    }

    private void deleteState() {
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo state " + stateDir, e);
        }
    }
}
