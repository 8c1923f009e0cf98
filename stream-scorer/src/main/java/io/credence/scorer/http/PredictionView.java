package io.credence.scorer.http;

import io.credence.avro.Prediction;

import java.util.List;

/**
 * The JSON form of a {@link Prediction}: the same fields, times as epoch ms. Regression fields are null for
 * classifiers and classification fields null for regressors; draws is null unless the request asked for them.
 */
public record PredictionView(String modelId, String requestId, long modelVersion, double mean, double std,
                             double epistemicStd, double aleatoricStd, double intervalLevel, double lower, double upper,
                             List<QuantileView> quantiles, List<Double> classProbabilities, Integer predictedClass,
                             Double entropy, Double mutualInformation, int samples, long seed, long eventTime,
                             long scoredAt, List<DrawView> draws) {

    /**
     * What one posterior weight draw predicts (Prediction.draws).
     *
     * @param mean               regression: the draw's predictive mean in target units; classification: its
     *                           probability of the predicted class
     * @param noiseStd           regression: the draw's noise std in target units (Student-t: its scale); null for
     *                           classification
     * @param classProbabilities classification: the draw's class probabilities; null for regression
     */
    public record DrawView(double mean, Double noiseStd, List<Double> classProbabilities) {
    }

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
                p.getSamples(), p.getSeed(), p.getEventTime().toEpochMilli(), p.getScoredAt().toEpochMilli(),
                p.getDraws() == null ? null : p.getDraws().stream()
                        .map(d -> new DrawView(d.getMean(), d.getNoiseStd(), d.getClassProbabilities())).toList());
    }
}
