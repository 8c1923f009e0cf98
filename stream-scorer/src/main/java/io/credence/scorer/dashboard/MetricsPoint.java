package io.credence.scorer.dashboard;

import io.credence.avro.PrequentialSummary;
import io.credence.avro.TrainingMetrics;

/**
 * One training-metrics update of one model, as the live page plots it. Metrics that do not apply to the task are null.
 *
 * @param timeMillis       wall-clock time of the update, epoch ms
 * @param version          newest snapshot version published before the update
 * @param updates          mini-batch updates so far
 * @param recordsSeen      records trained on so far
 * @param nll              prequential NLL over the whole stream (nats per record)
 * @param coverage         prequential interval coverage over the whole stream (regression)
 * @param decayedNll       prequential NLL, exponentially decayed
 * @param decayedCoverage  prequential interval coverage, exponentially decayed (regression)
 * @param decayedAccuracy  prequential accuracy, exponentially decayed (classification)
 */
public record MetricsPoint(long timeMillis, long version, long updates, long recordsSeen, Double nll, Double coverage,
                           Double decayedNll, Double decayedCoverage, Double decayedAccuracy) {

    /** The point of one TrainingMetrics record. */
    public static MetricsPoint of(TrainingMetrics m) {
        PrequentialSummary all = m.getCumulative();
        PrequentialSummary decayed = m.getDecayed();
        return new MetricsPoint(m.getTimeMillis().toEpochMilli(), m.getVersion(), m.getUpdates(), m.getRecordsSeen(),
                finite(all.getNll()), finite(all.getCoverage()), finite(decayed.getNll()), finite(decayed.getCoverage()),
                finite(decayed.getAccuracy()));
    }

    /** JSON has no NaN or infinity: the page draws a gap for null. */
    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
