package io.credence.scorer.http;

import io.credence.avro.Prediction;

import java.util.List;

/**
 * The JSON form of a {@link Prediction}: the same fields, times as epoch ms. Regression fields are null for
 * classifiers and classification fields null for regressors.
 */
public record PredictionView(String modelId, String requestId, long modelVersion, double mean, double std,
                             double epistemicStd, double aleatoricStd, double intervalLevel, double lower, double upper,
                             List<QuantileView> quantiles, List<Double> classProbabilities, Integer predictedClass,
                             Double entropy, Double mutualInformation, int samples, long seed, long eventTime,
                             long scoredAt) {

    /**
     * One predictive quantile.
     *
     * @param level probability level in (0, 1)
     * @param value quantile of the predictive mixture
     */
    public record QuantileView(double level, double value) {
    }

    /** The view of {@code p}. */
    public static PredictionView of(Prediction p) {
        return new PredictionView(p.getModelId(), p.getRequestId(), p.getModelVersion(), p.getMean(), p.getStd(),
                p.getEpistemicStd(), p.getAleatoricStd(), p.getIntervalLevel(), p.getLower(), p.getUpper(),
                p.getQuantiles().stream().map(q -> new QuantileView(q.getLevel(), q.getValue())).toList(),
                p.getClassProbabilities(), p.getPredictedClass(), p.getEntropy(), p.getMutualInformation(),
                p.getSamples(), p.getSeed(), p.getEventTime().toEpochMilli(), p.getScoredAt().toEpochMilli());
    }
}
