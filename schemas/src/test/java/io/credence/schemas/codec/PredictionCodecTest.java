package io.credence.schemas.codec;

import io.credence.avro.Prediction;
import io.credence.avro.PredictiveDraw;
import io.credence.avro.Quantile;
import io.credence.bnn.predictive.PredictiveDraws;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.schemas.Samples;
import io.credence.schemas.serde.AvroCodecs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

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

    @Test
    void withoutDrawsThePredictionHasNone() {
        assertThat(PredictionCodec.toAvro("m", "q", 1, Samples.regressionSummary(), 1, 0, 0).getDraws()).isNull();
        assertThat(PredictionCodec.toAvro("m", "q", 1, Samples.regressionSummary(), null, 1, 0, 0).getDraws()).isNull();
    }

    @Test
    void regressionDrawsCarryTheirMeanAndNoiseStd() {
        PredictiveDraws draws = new PredictiveDraws(new double[] {2.25, 2.75, 2.5}, new double[] {0.4, 0.5, 0.3}, null);

        Prediction p = PredictionCodec.toAvro("m", "q", 1, Samples.regressionSummary(), draws, 1, 0, 0);

        assertThat(p.getDraws()).containsExactly(new PredictiveDraw(2.25, 0.4, null), new PredictiveDraw(2.75, 0.5, null),
                new PredictiveDraw(2.5, 0.3, null));
    }

    @Test
    void classificationDrawsCarryTheirProbabilities() {
        PredictiveDraws draws = new PredictiveDraws(new double[] {0.6, 0.8},
                null, new double[][] {{0.3, 0.6, 0.1}, {0.1, 0.8, 0.1}});

        Prediction p = PredictionCodec.toAvro("iris", "q", 1, Samples.classificationSummary(), draws, 1, 0, 0);

        assertThat(p.getDraws()).containsExactly(new PredictiveDraw(0.6, null, List.of(0.3, 0.6, 0.1)),
                new PredictiveDraw(0.8, null, List.of(0.1, 0.8, 0.1)));
    }

    @Test
    void drawsBytesBoundsTheEncodedSizeOfTheDraws() {
        Random random = new Random(12);
        for (int classes : new int[] {0, 2, 3, 10, 70}) {
            for (int samples : new int[] {1, 50, 10_000}) {
                double[] means = new double[samples];
                double[] scales = classes == 0 ? new double[samples] : null;
                double[][] probabilities = classes == 0 ? null : new double[samples][classes];
                for (int s = 0; s < samples; s++) {
                    means[s] = random.nextGaussian();
                    if (scales != null) scales[s] = random.nextDouble();
                    else for (int c = 0; c < classes; c++) probabilities[s][c] = random.nextDouble();
                }
                PredictiveSummary summary = classes == 0 ? Samples.regressionSummary() : Samples.classificationSummary();
                int without = AvroCodecs.prediction().encode(PredictionCodec.toAvro("m", "q", 1, summary, 1, 0, 0)).length;
                int with = AvroCodecs.prediction().encode(PredictionCodec.toAvro("m", "q", 1, summary,
                        new PredictiveDraws(means, scales, probabilities), 1, 0, 0)).length;

                long bound = PredictionCodec.drawsBytes(samples, classes);
                assertThat((long) with - without).as("%d classes, %d samples", classes, samples)
                        .isLessThanOrEqualTo(bound).isGreaterThan(bound - bound / 20 - 5);
            }
        }
        assertThat(PredictionCodec.drawsBytes(10_000, 0)).isLessThan(PredictionCodec.MAX_DRAWS_BYTES);
        assertThat(PredictionCodec.drawsBytes(10_000, 4)).isLessThan(PredictionCodec.MAX_DRAWS_BYTES);
        assertThat(PredictionCodec.drawsBytes(10_000, 5)).isGreaterThan(PredictionCodec.MAX_DRAWS_BYTES);
        for (int classes : new int[] {0, 5, 4096}) {
            int most = PredictionCodec.maxSamplesWithDraws(classes);
            assertThat(PredictionCodec.drawsBytes(most, classes)).isLessThanOrEqualTo(PredictionCodec.MAX_DRAWS_BYTES);
            assertThat(PredictionCodec.drawsBytes(most + 1, classes)).isGreaterThan(PredictionCodec.MAX_DRAWS_BYTES);
        }
    }
}
