package io.credence.scorer.it;

import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.scorer.ScorerApp;
import io.credence.scorer.TestModels;
import io.credence.scorer.metrics.ScorerMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.credence.scorer.it.ScorerIt.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across a restart on a real broker: the scorer is stopped in the middle of a stream, with records
 * waiting in its micro-batch buffer, more records arrive while it is down, and a new instance (with an empty state
 * directory, so its buffer is restored from the changelog) takes over; every request id gets exactly one committed
 * prediction.
 */
class ScorerRestartIT {
    private static final Logger log = LoggerFactory.getLogger(ScorerRestartIT.class);
    private static final String MODEL = "restart";
    private static final int CHUNK = 1000;
    /**
     * The first instance scores only full batches of 300 before it stops (its linger is far longer than the test), so
     * the tail of each partition's share of the first chunk is still in its pending store when it stops.
     */
    private static final Map<String, Object> FULL_BATCHES_ONLY = Map.of("credence.scorer.linger", "10m", "credence.scorer.batch-size", 300);

    @TempDir
    static Path stateDir;
    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @BeforeAll
    static void start() {
        ModelSpec spec = ModelSpec.regression(MODEL, 1).network(n -> n.withHidden(8))
                .scoring(sc -> sc.withScoreSamples(10)).seed(9).build();
        kafka.get().createTopic(ScorerIt.SNAPSHOTS, 1, true);
        kafka.get().produce(ScorerIt.SNAPSHOTS, bytes(MODEL), TestModels.snapshotBytes(TestModels.posterior(spec, 1), 1, Instant.now()));
    }

    @Test
    void everyRequestGetsExactlyOnePredictionAcrossARestart() {
        ScorerApp first = ScorerIt.start(kafka.get(), stateDir.resolve("first"), "scorer-restart-it", FULL_BATCHES_ONLY);
        ScorerIt.awaitVersion(first, MODEL, 1);
        ScorerIt.produce(kafka.get(), records(0, CHUNK));
        kafka.get().consume(ScorerIt.PREDICTIONS, 300, Duration.ofSeconds(60));
        ScorerMetrics firstMetrics = first.context().getBean(ScorerMetrics.class);
        ScorerIt.await(Duration.ofSeconds(60), () -> firstMetrics.scoredCount(MODEL) + firstMetrics.pending() == CHUNK,
                "the whole first chunk scored or pending");
        assertThat(firstMetrics.pending()).as("records pending when the first scorer stops").isPositive();
        log.info("restart: stopping the first scorer with {} records scored and {} pending", firstMetrics.scoredCount(MODEL),
                firstMetrics.pending());
        first.close();

        ScorerIt.produce(kafka.get(), records(CHUNK, 2 * CHUNK));
        ScorerApp second = ScorerIt.start(kafka.get(), stateDir.resolve("second"), "scorer-restart-it", Map.of());
        try {
            ScorerIt.produce(kafka.get(), records(2 * CHUNK, 3 * CHUNK));
            List<Prediction> predictions = ScorerIt.predictions(kafka.get(), 3 * CHUNK, Duration.ofSeconds(120));
            ScorerIt.produce(kafka.get(), records(3 * CHUNK, 3 * CHUNK + 1));
            predictions = ScorerIt.predictions(kafka.get(), 3 * CHUNK + 1, Duration.ofSeconds(60));

            Map<String, Long> perRequest = predictions.stream()
                    .collect(Collectors.groupingBy(Prediction::getRequestId, Collectors.counting()));
            assertThat(perRequest).hasSize(3 * CHUNK + 1);
            assertThat(perRequest.entrySet()).filteredOn(e -> e.getValue() != 1L).isEmpty();
            assertThat(predictions).hasSize(3 * CHUNK + 1);
        } finally {
            second.close();
        }
    }

    private static List<FeatureRecord> records(int from, int to) {
        List<FeatureRecord> records = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            records.add(TestModels.featureRecord(MODEL, "req-" + i, null, Math.cos(i)));
        }
        return records;
    }
}
