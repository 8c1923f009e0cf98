package io.credence.schemas.codec;

import io.credence.avro.TrainingMetrics;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.metrics.PrequentialSummary;
import io.credence.schemas.Samples;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsCodecTest {

    @Test
    void aStepReportBecomesTrainingMetrics() {
        StepReport report = Samples.stepReport(new Random(2));

        TrainingMetrics m = MetricsCodec.toAvro("house-prices", 7, report, Samples.TIME);

        assertThat(m.getModelId()).isEqualTo("house-prices");
        assertThat(m.getVersion()).isEqualTo(7);
        assertThat(m.getUpdates()).isEqualTo(report.updates());
        assertThat(m.getRecordsSeen()).isEqualTo(report.recordsSeen());
        assertThat(m.getBatchSize()).isEqualTo(report.batchSize());
        assertThat(m.getElbo()).isEqualTo(report.elbo());
        assertThat(m.getKl()).isEqualTo(report.kl());
        assertThat(m.getNll()).isEqualTo(report.nll());
        assertThat(m.getRejectedSteps()).isEqualTo(report.rejectedSteps());
        assertThat(m.getTimeMillis()).isEqualTo(Instant.ofEpochMilli(Samples.TIME));
        assertThat(MetricsCodec.toCore(m.getCumulative())).isEqualTo(report.cumulative());
        assertThat(MetricsCodec.toCore(m.getDecayed())).isEqualTo(report.decayed());
    }

    @Test
    void nanMetricsAreNullInAvroAndNanAgainInCore() {
        PrequentialSummary classification = new PrequentialSummary(12.5, Double.NaN, 0.4, Double.NaN, Double.NaN, 0.75);

        io.credence.avro.PrequentialSummary avro = MetricsCodec.toAvro(classification);

        assertThat(avro.getCount()).isEqualTo(12.5);
        assertThat(avro.getRmse()).isNull();
        assertThat(avro.getNll()).isEqualTo(0.4);
        assertThat(avro.getCrps()).isNull();
        assertThat(avro.getCoverage()).isNull();
        assertThat(avro.getAccuracy()).isEqualTo(0.75);
        assertThat(MetricsCodec.toCore(avro)).isEqualTo(classification);
    }
}
