package io.credence.scorer.dashboard;

import io.credence.avro.PrequentialSummary;
import io.credence.avro.TrainingMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The live page's bounded history, and how a TrainingMetrics record becomes a point. */
class TrainingHistoryTest {

    @Test
    void keepsTheNewestPointsPerModel() {
        TrainingHistory history = new TrainingHistory(3);
        for (int i = 1; i <= 5; i++) history.add("a", point(i));
        history.add("b", point(9));

        assertThat(history.of("a")).extracting(MetricsPoint::updates).containsExactly(3L, 4L, 5L);
        assertThat(history.of("b")).extracting(MetricsPoint::updates).containsExactly(9L);
        assertThat(history.of("c")).isEmpty();
    }

    @Test
    void aPointCarriesThePrequentialMetricsAndDropsNonFiniteOnes() {
        TrainingMetrics m = TrainingMetrics.newBuilder().setModelId("a").setVersion(2).setUpdates(40).setRecordsSeen(1280)
                .setBatchSize(32).setElbo(-1).setKl(3).setNll(0.5).setRejectedSteps(0).setTimeMillis(Instant.ofEpochMilli(77))
                .setCumulative(new PrequentialSummary(1280.0, 0.2, 0.7, 0.1, 0.91, null))
                .setDecayed(new PrequentialSummary(500.0, 0.2, Double.NaN, 0.1, 0.88, null))
                .build();

        MetricsPoint p = MetricsPoint.of(m);

        assertThat(p.timeMillis()).isEqualTo(77);
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.recordsSeen()).isEqualTo(1280);
        assertThat(p.nll()).isEqualTo(0.7);
        assertThat(p.coverage()).isEqualTo(0.91);
        assertThat(p.decayedNll()).as("NaN has no JSON form").isNull();
        assertThat(p.decayedCoverage()).isEqualTo(0.88);
        assertThat(p.decayedAccuracy()).isNull();
    }

    private static MetricsPoint point(long updates) {
        return new MetricsPoint(updates, 1, updates, updates * 32, 1.0, 0.9, 1.0, 0.9, null);
    }
}
