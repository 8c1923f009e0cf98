package io.credence.schemas.codec;

import io.credence.avro.TrainingMetrics;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.metrics.PrequentialSummary;

import java.time.Instant;

/** Converts core step reports and prequential summaries to their Avro records; a NaN metric is written as null and read back as NaN. */
public final class MetricsCodec {

    private MetricsCodec() {}

    /**
     * The training-metrics record of one update.
     *
     * @param version    version of the newest snapshot published before this update (0 if none)
     * @param timeMillis wall-clock time of the update, epoch milliseconds
     */
    public static TrainingMetrics toAvro(String modelId, long version, StepReport report, long timeMillis) {
        return TrainingMetrics.newBuilder()
                .setModelId(modelId)
                .setVersion(version)
                .setUpdates(report.updates())
                .setRecordsSeen(report.recordsSeen())
                .setBatchSize(report.batchSize())
                .setElbo(report.elbo())
                .setKl(report.kl())
                .setNll(report.nll())
                .setCumulative(toAvro(report.cumulative()))
                .setDecayed(toAvro(report.decayed()))
                .setRejectedSteps(report.rejectedSteps())
                .setTimeMillis(Instant.ofEpochMilli(timeMillis))
                .build();
    }

    /** The Avro summary; metrics that are NaN (not applicable to the task) become null. */
    public static io.credence.avro.PrequentialSummary toAvro(PrequentialSummary summary) {
        return io.credence.avro.PrequentialSummary.newBuilder()
                .setCount(summary.count())
                .setRmse(nullIfNaN(summary.rmse()))
                .setNll(nullIfNaN(summary.nll()))
                .setCrps(nullIfNaN(summary.crps()))
                .setCoverage(nullIfNaN(summary.coverage()))
                .setAccuracy(nullIfNaN(summary.accuracy()))
                .build();
    }

    /** The core summary; null metrics become NaN. */
    public static PrequentialSummary toCore(io.credence.avro.PrequentialSummary avro) {
        return new PrequentialSummary(avro.getCount(), nanIfNull(avro.getRmse()), nanIfNull(avro.getNll()),
                nanIfNull(avro.getCrps()), nanIfNull(avro.getCoverage()), nanIfNull(avro.getAccuracy()));
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double nanIfNull(Double v) {
        return v == null ? Double.NaN : v;
    }
}
