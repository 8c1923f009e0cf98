package io.credence.bench.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sizes and configuration a measurement derives from its options. */
class WorkloadTest {
    private static final StreamsShape SHAPE = new StreamsShape(Guarantee.EXACTLY_ONCE, 3, 2);

    @Test
    void trainerInputFillsWholeMiniBatchesOfEveryModel() {
        assertThat(new TrainerThroughput.Case(1, List.of(50), 256, SHAPE, 51_200).inputs()).isEqualTo(51_200);
        assertThat(new TrainerThroughput.Case(1000, List.of(50), 32, SHAPE, 20_480).inputs()).isEqualTo(32_000);
        assertThat(new TrainerThroughput.Case(10, List.of(50), 32, SHAPE, 1).inputs()).isEqualTo(320);
        assertThat(new TrainerThroughput.Case(1, List.of(200, 50), 32, SHAPE, 1).network()).isEqualTo("13-200-50-1");
    }

    @Test
    void appsAreConfiguredWithThePipelinesTopicsAndShape() {
        Pipeline p = new Pipeline("m007-", 3);
        Map<String, Object> trainer = p.trainer("localhost:1", Path.of("/state"), SHAPE, 13, List.of(50), 256);
        assertThat(trainer).containsEntry("credence.topics.labeled-records", "m007-labeled-records")
                .containsEntry("credence.topics.training-metrics", "m007-training-metrics")
                .containsEntry("credence.kafka.application-id", "m007-stream-trainer")
                .containsEntry("credence.kafka.processing-guarantee", "exactly_once_v2")
                .containsEntry("credence.kafka.properties.num.stream.threads", "2")
                .containsEntry("credence.trainer.default-spec.hidden", "50")
                .containsEntry("credence.trainer.default-spec.batch-size", 256);
        Map<String, Object> scorer = p.scorer("localhost:1", Path.of("/state"), SHAPE, 64);
        assertThat(scorer).containsEntry("credence.topics.posterior-snapshots", "m007-posterior-snapshots")
                .containsEntry("credence.topics.predictions", "m007-predictions")
                .containsEntry("credence.scorer.batch-size", 64);
    }

    @Test
    void theReferenceScoresTheSameNetworkSamplesBatchAndThreads() {
        var c = new ScorerThroughput.Case(1, List.of(50), 100, 64, SHAPE, 20_000);
        assertThat(String.join(" ", c.referenceArguments(5))).isEqualTo("--synthetic 200000 13 --hidden 50 --epochs 1 --batch 256 "
                + "--score-samples 100 --score-batch 64 --threads 2 --seed 5");
    }

    @Test
    void rowsFollowTheReferenceRecipe() {
        RowSource rows = new RowSource(13, 3);
        double sum = 0, sq = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double[] x = rows.nextFeatures();
            double r = rows.label(x) - Math.sin(x[0]) - 0.5 * x[1];
            sum += r;
            sq += r * r;
        }
        assertThat(sum / n).isCloseTo(0, within(0.005));
        assertThat(Math.sqrt(sq / n)).isCloseTo(0.1, within(0.003));
    }
}
