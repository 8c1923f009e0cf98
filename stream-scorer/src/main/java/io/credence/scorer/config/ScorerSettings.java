package io.credence.scorer.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How the scorer batches and scores records, bound from {@code credence.scorer} (each default is declared once, in
 * application-scorer.yml).
 *
 * @param batchSize      records per micro-batch: a model's pending records are scored as soon as this many wait
 * @param linger         wall-clock period of the flush that scores whatever is pending, however few
 * @param noModelPolicy  what to do with a record whose model has no snapshot yet
 * @param waitBound      most records held for models without a snapshot, per stream task; beyond it they are
 *                       dead-lettered with error class BUFFER_FULL
 * @param quantileLevels levels of the predictive quantiles reported for regression, each in (0, 1)
 * @param maxSampleBankMib heap the models' Monte Carlo weight draws may take together, MiB; 0 = half the JVM's
 *                         maximum heap ({@link #sampleBankBytes})
 */
@ConfigurationProperties("credence.scorer")
public record ScorerSettings(int batchSize, Duration linger, NoModelPolicy noModelPolicy, int waitBound,
                             List<Double> quantileLevels, long maxSampleBankMib) {
    /** Largest micro-batch accepted: a batch is one [batch][features] array in memory. */
    public static final int MAX_BATCH_SIZE = 4096;

    public ScorerSettings {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("credence.scorer.batch-size must be in 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (linger == null || linger.toMillis() < 1) {
            throw new IllegalArgumentException("credence.scorer.linger must be at least 1ms, got " + linger);
        }
        if (noModelPolicy == null) {
            throw new IllegalArgumentException("credence.scorer.no-model-policy must be WAIT or DLQ");
        }
        if (waitBound < 0) {
            throw new IllegalArgumentException("credence.scorer.wait-bound must be >= 0, got " + waitBound);
        }
        if (quantileLevels == null) throw new IllegalArgumentException("credence.scorer.quantile-levels must be set");
        if (maxSampleBankMib < 0) {
            throw new IllegalArgumentException("credence.scorer.max-sample-bank-mib must be >= 0 (0 = half the maximum heap), got " + maxSampleBankMib);
        }
        quantileLevels = List.copyOf(quantileLevels);
        for (double level : quantileLevels) {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("credence.scorer.quantile-levels must lie in (0, 1), got " + level);
            }
        }
    }

    /** The sample banks' bound in bytes, given the JVM's maximum heap {@code maxHeapBytes}. */
    public long sampleBankBytes(long maxHeapBytes) {
        return maxSampleBankMib > 0 ? maxSampleBankMib << 20 : maxHeapBytes / 2;
    }

    /** The quantile levels as an array, in configured order. */
    public double[] quantileLevelArray() {
        return quantileLevels.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
