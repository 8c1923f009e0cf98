package io.credence.scorer.http;

import io.credence.scorer.scoring.LoadedModel;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of GET /models.
 *
 * @param modelId            model id
 * @param version            snapshot version in use
 * @param task               REGRESSION or CLASSIFICATION
 * @param features           input width
 * @param scoreSamples       default Monte Carlo draws per prediction
 * @param intervalLevel      level of the reported central interval
 * @param createdAt          when the snapshot was published, epoch ms
 * @param snapshotAgeSeconds seconds since then
 * @param recordsSeen        records the posterior was trained on
 * @param scored             predictions made with this model by this instance (stream and HTTP)
 * @param inputMean          per-feature mean of the training inputs
 * @param inputStd           per-feature std of the training inputs
 */
public record ModelView(String modelId, long version, String task, int features, int scoreSamples, double intervalLevel,
                        long createdAt, double snapshotAgeSeconds, long recordsSeen, long scored, double[] inputMean,
                        double[] inputStd) {

    /** The view of {@code m} at {@code now}. */
    public static ModelView of(LoadedModel m, Instant now, long scored) {
        double[] mean = m.inputs().mean();
        double[] m2 = m.inputs().m2();
        double[] std = new double[mean.length];
        for (int i = 0; i < std.length; i++) {
            std[i] = m.inputs().count() > 1 ? Math.sqrt(m2[i] / m.inputs().count()) : 0;
        }
        return new ModelView(m.modelId(), m.version(), m.spec().task().name(), m.spec().features(),
                m.spec().scoring().scoreSamples(), m.spec().scoring().intervalLevel(), m.createdAt().toEpochMilli(),
                Duration.between(m.createdAt(), now).toMillis() / 1000.0, m.recordsSeen(), scored, mean, std);
    }
}
