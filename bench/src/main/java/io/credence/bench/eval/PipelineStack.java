package io.credence.bench.eval;

import io.credence.broker.EmbeddedKafkaBroker;
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
 * The real pipeline in this JVM for the streamed evaluation: an embedded KRaft broker, stream-trainer and
 * stream-scorer started through their programmatic entries (free HTTP ports, state in a temporary directory, short
 * idle flush so the last partial mini-batch of a replay is learned within a second). {@link #close} stops all three.
 */
public final class PipelineStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private final EmbeddedKafkaBroker broker;
    private final Path stateDir;
    private TrainerApp trainer;
    private ScorerApp scorer;

    private PipelineStack(EmbeddedKafkaBroker broker, Path stateDir) {
        this.broker = broker;
        this.stateDir = stateDir;
    }

    /** Starts the broker, then the trainer and the scorer, and waits until both stream apps run. */
    public static PipelineStack start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        PipelineStack stack;
        try {
            stack = new PipelineStack(broker, Files.createTempDirectory("credence-eval-state-"));
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("cannot create a state directory", e);
        }
        try {
            stack.trainer = TrainerApp.start(stack.overrides("trainer", Map.of("credence.trainer.idle-flush", "1s",
                    "credence.trainer.punctuate-interval", "250ms")));
            stack.scorer = ScorerApp.start(stack.overrides("scorer", Map.of()));
            stack.trainer.awaitRunning(START_TIMEOUT);
            stack.scorer.awaitRunning(START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.close();
            throw new IllegalStateException("interrupted while starting the pipeline", e);
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return stack;
    }

    private Map<String, Object> overrides(String app, Map<String, Object> extra) {
        Map<String, Object> o = new HashMap<>(extra);
        o.put("credence.kafka.bootstrap-servers", broker.bootstrapServers());
        o.put("credence.kafka.state-dir", stateDir.resolve(app).toString());
        o.put("credence.kafka.properties.commit.interval.ms", "200");
        o.put("micronaut.server.port", 0);
        return o;
    }

    public String bootstrapServers() { return broker.bootstrapServers(); }

    /** Base URL of the trainer's HTTP API. */
    public String trainerUrl() { return trainer.url().toString(); }

    /** Base URL of the scorer's HTTP API. */
    public String scorerUrl() { return scorer.url().toString(); }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {scorer, trainer, broker}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("stopping the pipeline failed: " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            if (failure == null) failure = new UncheckedIOException("cannot delete " + stateDir, e);
        }
        if (failure != null) throw failure;
    }
}
