package io.credence.scorer.it;

import io.credence.avro.Prediction;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.scorer.ScorerApp;
import io.credence.scorer.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.credence.scorer.it.ScorerIt.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot swap on a real broker: while feature records stream in, a new snapshot version is published; predictions switch
 * to it within a second, no prediction scored after the switch uses the old version, and no in-flight record is lost
 * or scored twice.
 */
class HotSwapIT {
    private static final Logger log = LoggerFactory.getLogger(HotSwapIT.class);
    private static final String MODEL = "swap";
    private static final ModelSpec SPEC = ModelSpec.regression(MODEL, 1).network(n -> n.withHidden(8))
            .scoring(sc -> sc.withScoreSamples(20)).seed(5).build();

    @TempDir
    static Path stateDir;
    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);
    static ScorerApp scorer;

    @BeforeAll
    static void start() {
        scorer = ScorerIt.start(kafka.get(), stateDir, "scorer-hot-swap-it", Map.of());
        publish(1);
        ScorerIt.awaitVersion(scorer, MODEL, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (scorer != null) scorer.close();
    }

    @Test
    void aNewVersionIsUsedWithinASecondWithoutLosingInFlightRecords() throws Exception {
        Instant published;
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger produced = new AtomicInteger();
        Thread producer = new Thread(() -> {
            while (producing.get()) {
                int n = produced.getAndIncrement();
                ScorerIt.produce(kafka.get(), List.of(TestModels.featureRecord(MODEL, "swap-" + n, null, Math.sin(n))));
            }
        }, "feature-producer");
        producer.start();
        try {
            ScorerIt.await(Duration.ofSeconds(60), () -> produced.get() >= 200, "200 feature records produced");
            kafka.get().consume(ScorerIt.PREDICTIONS, 100, Duration.ofSeconds(60));

            published = publish(2);
            ScorerIt.awaitVersion(scorer, MODEL, 2);
            int producedAtSwap = produced.get();
            ScorerIt.await(Duration.ofSeconds(60), () -> produced.get() >= producedAtSwap + 200, "200 more records produced");
        } finally {
            producing.set(false);
            producer.join();
        }
        int total = produced.get();
        List<Prediction> predictions = ScorerIt.predictions(kafka.get(), total, Duration.ofSeconds(60));

        Map<String, Long> perRequest = predictions.stream().collect(Collectors.groupingBy(Prediction::getRequestId, Collectors.counting()));
        assertThat(perRequest).hasSize(total);
        assertThat(perRequest.values()).allMatch(c -> c == 1L);

        Map<String, Prediction> byRequest = predictions.stream().collect(Collectors.toMap(Prediction::getRequestId, Function.identity()));
        Instant firstV2 = predictions.stream().filter(p -> p.getModelVersion() == 2).map(Prediction::getScoredAt)
                .min(Instant::compareTo).orElseThrow(() -> new AssertionError("no prediction used version 2"));
        long latencyMs = Duration.between(published, firstV2).toMillis();
        log.info("hot swap: snapshot v2 published at {}, first prediction with v2 scored at {}: {} ms", published, firstV2, latencyMs);
        assertThat(latencyMs).as("snapshot-to-first-use latency (ms)").isLessThanOrEqualTo(1000);
        assertThat(predictions).filteredOn(p -> p.getModelVersion() == 1)
                .allSatisfy(p -> assertThat(p.getScoredAt()).isBeforeOrEqualTo(firstV2));
        assertThat(predictions).extracting(Prediction::getModelVersion).containsOnly(1L, 2L);
        assertThat(byRequest.get("swap-" + (total - 1)).getModelVersion()).isEqualTo(2);
    }

    /** Publishes version {@code version} of the model; returns the time just before the send. */
    private static Instant publish(long version) {
        Instant now = Instant.now();
        kafka.get().produce(ScorerIt.SNAPSHOTS, bytes(MODEL), TestModels.snapshotBytes(TestModels.posterior(SPEC, version), version, now));
        return now;
    }
}
