package io.credence.schemas.codec;

import io.credence.avro.Prediction;
import io.credence.avro.Quantile;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.schemas.Samples;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredictionCodecTest {

    @Test
    void aRegressionSummaryHasQuantilesAndNoClassFields() {
        PredictiveSummary s = Samples.regressionSummary();

        Prediction p = PredictionCodec.toAvro("house-prices", "q-1", 3, s, 99, Samples.TIME, Samples.TIME + 5);

        assertThat(p.getModelId()).isEqualTo("house-prices");
        assertThat(p.getRequestId()).isEqualTo("q-1");
        assertThat(p.getModelVersion()).isEqualTo(3);
        assertThat(p.getMean()).isEqualTo(2.5);
        assertThat(p.getStd()).isEqualTo(0.5);
        assertThat(p.getEpistemicStd()).isEqualTo(0.3);
        assertThat(p.getAleatoricStd()).isEqualTo(0.4);
        assertThat(p.getIntervalLevel()).isEqualTo(0.9);
        assertThat(p.getLower()).isEqualTo(1.68);
        assertThat(p.getUpper()).isEqualTo(3.32);
        assertThat(p.getQuantiles()).containsExactly(new Quantile(0.05, 1.68), new Quantile(0.5, 2.5), new Quantile(0.95, 3.32));
        assertThat(p.getClassProbabilities()).isNull();
        assertThat(p.getPredictedClass()).isNull();
        assertThat(p.getEntropy()).isNull();
        assertThat(p.getMutualInformation()).isNull();
        assertThat(p.getSamples()).isEqualTo(100);
        assertThat(p.getSeed()).isEqualTo(99);
        assertThat(p.getEventTime()).isEqualTo(Instant.ofEpochMilli(Samples.TIME));
        assertThat(p.getScoredAt()).isEqualTo(Instant.ofEpochMilli(Samples.TIME + 5));
    }

    @Test
    void aClassificationSummaryHasClassFieldsAndNoQuantiles() {
        Prediction p = PredictionCodec.toAvro("iris", "q-2", 1, Samples.classificationSummary(), 7, Samples.TIME, Samples.TIME);

        assertThat(p.getQuantiles()).isEmpty();
        assertThat(p.getClassProbabilities()).containsExactly(0.2, 0.7, 0.1);
        assertThat(p.getPredictedClass()).isEqualTo(1);
        assertThat(p.getEntropy()).isEqualTo(0.8018);
        assertThat(p.getMutualInformation()).isEqualTo(0.05);
        assertThat(p.getMean()).isEqualTo(0.7);
        assertThat(p.getSamples()).isEqualTo(50);
    }

    @Test
    void quantileLevelsAndValuesOfDifferentLengthsAreRefused() {
        PredictiveSummary s = new PredictiveSummary(0, 1, 1, 0, 0.9, -1, 1, new double[]{0.1, 0.9}, new double[]{-1},
                null, -1, Double.NaN, Double.NaN, 10);

        assertThatThrownBy(() -> PredictionCodec.toAvro("m", "q", 1, s, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("summary has 2 quantile levels but 1 quantiles");
    }
}
