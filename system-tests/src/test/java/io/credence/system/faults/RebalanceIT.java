package io.credence.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.kit.TopicLog;
import io.credence.system.harness.AppConfig;
import io.credence.broker.Await;
import io.credence.system.harness.Feeder;
import io.credence.system.harness.Kafka;
import io.credence.system.harness.TrainingLedger;
import io.credence.system.harness.Wire;
import io.credence.trainer.TrainerApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two trainer instances with one application id share the models, and rebalances move models between them while
 * records keep arriving: A trains alone, B joins (some of A's models move to B), A leaves (all move to B), A comes back
 * on its old state dir (some move back). Each instance's GET /models shows which models it holds; under
 * read_committed every model's updates are numbered 1..N exactly once and every record produced was trained.
 */
class RebalanceIT {

    private static final Logger log = LoggerFactory.getLogger(RebalanceIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("m0", "m1", "m2", "m3", "m4", "m5");
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final PerTestClass<Kafka> kafka = new PerTestClass<>(Kafka::start);

    @TempDir
    Path tmp;

    @Test
    void modelsMoveBetweenTwoInstancesWithoutLossOrDuplicateTraining() throws Exception {
        long start = System.nanoTime();
        try (Feeder feeder = new Feeder(kafka.get(), MODELS, 0);
             TopicLog metrics = TopicLog.committed(kafka.get().bootstrapServers(), "training-metrics")) {
            TrainerApp a = TrainerApp.start(instance("a"));
            TrainerApp b = null;
            try {
                a.awaitRunning(WAIT);
                feeder.start(Duration.ofMillis(200));
                Set<String> onA = awaitModels(a, "instance a trains every model alone", s -> s.equals(Set.copyOf(MODELS)));
                awaitProgress(metrics, feeder);

                b = TrainerApp.start(instance("b"));
                b.awaitRunning(WAIT);
                Set<String> movedToB = awaitModels(b, "instance b takes some models over", s -> !s.isEmpty() && s.size() < MODELS.size());
                Set<String> keptByA = awaitModels(a, "instance a keeps the others", s -> !s.isEmpty());
                assertThat(onA).containsAll(movedToB);
                assertThat(new TreeSet<>(keptByA)).as("models of a and of b").doesNotContainAnyElementsOf(movedToB);
                log.info("b joined: a keeps {}, b took over {}", keptByA, movedToB);
                awaitProgress(metrics, feeder);

                a.close();
                a = null;
                awaitModels(b, "instance b takes every model over when a leaves", s -> s.equals(Set.copyOf(MODELS)));
                log.info("a left: b trains all of {}", MODELS);
                awaitProgress(metrics, feeder);

                a = TrainerApp.start(instance("a"));
                a.awaitRunning(WAIT);
                Set<String> back = awaitModels(a, "instance a, back on its old state dir, takes some models over",
                        s -> !s.isEmpty() && s.size() < MODELS.size());
                log.info("a came back: it took over {}", back);
                awaitProgress(metrics, feeder);
                feeder.stop();

                Await.until("the instances finish the feed", WAIT, () -> {
                    TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), List.of());
                    return MODELS.stream().allMatch(m -> ledger.recordsSeen(m) >= feeder.labeled(m));
                });
                try (TopicLog snapshots = TopicLog.committed(kafka.get().bootstrapServers(), "posterior-snapshots")) {
                    TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), Wire.snapshots(snapshots.catchUp()));
                    for (String model : MODELS) {
                        ledger.assertTrainedExactlyOnce(model, feeder.labeled(model), AppConfig.BATCH);
                        log.info("model {}: {} records produced, {} trained in {} updates, snapshot versions {}", model,
                                feeder.labeled(model), ledger.recordsSeen(model), ledger.updates(model), ledger.versions(model));
                    }
                }
                assertThat(kafka.get().committed("stream-trainer.dlq")).as("dead letters of good input").isEmpty();
                log.info("wall time: {} s", (System.nanoTime() - start) / 1_000_000_000);
            } finally {
                if (a != null) a.close();
                if (b != null) b.close();
            }
        }
    }

    /**
     * Configuration of one instance: the shared application id, its own state dir. A joining instance counts as caught
     * up whatever its changelog lag, so stateful tasks move to it in the rebalance it joins with (by default Kafka
     * Streams warms a replica up first and moves the task at a probing rebalance, ten minutes later).
     */
    private Map<String, Object> instance(String name) {
        Map<String, Object> config = AppConfig.trainer(kafka.get(), "rebalance-trainer", tmp.resolve(name));
        config.put("credence.kafka.properties.acceptable.recovery.lag", Long.MAX_VALUE);
        return config;
    }

    /** Waits until the instance's GET /models answers with a set of model ids {@code accepted} accepts; returns it. */
    private static Set<String> awaitModels(TrainerApp app, String what, Predicate<Set<String>> accepted) {
        AtomicReference<Set<String>> last = new AtomicReference<>();
        Await.until(what, WAIT, () -> {
            Http.Response r = Http.get(app.url(), "/models");
            if (r.status() != 200) return false; // 503 while the store is not queryable (rebalancing)
            last.set(modelIds(r.body()));
            return accepted.test(last.get());
        });
        return last.get();
    }

    /** Waits until every model has committed updates on training data written after this call. */
    private static void awaitProgress(TopicLog metrics, Feeder feeder) {
        Map<String, Long> target = new HashMap<>();
        for (String m : MODELS) target.put(m, feeder.labeled(m));
        Await.until("every model trains records written since the last rebalance", WAIT, () -> {
            TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), List.of());
            return MODELS.stream().allMatch(m -> ledger.recordsSeen(m) >= target.get(m));
        });
    }

    private static Set<String> modelIds(String body) {
        try {
            Set<String> ids = new TreeSet<>();
            for (JsonNode model : JSON.readTree(body)) ids.add(model.get("modelId").asText());
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("GET /models is not JSON: " + body, e);
        }
    }
}
