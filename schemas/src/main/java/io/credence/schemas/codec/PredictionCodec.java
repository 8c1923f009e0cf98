package io.credence.schemas.codec;

import io.credence.avro.Prediction;
import io.credence.avro.Quantile;
import io.credence.bnn.predictive.PredictiveSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the Avro {@link Prediction} of one scored feature record from a core {@link PredictiveSummary}. */
public final class PredictionCodec {

    private PredictionCodec() {}

    /**
     * The prediction record. A summary with class probabilities is a classification: its class fields are set and
     * its quantiles empty; otherwise it is a regression: quantiles from the summary's levels and values, class fields
     * null.
     *
     * @param version         version of the posterior snapshot that scored it
     * @param seed            seed of the posterior sample bank
     * @param eventTimeMillis the feature record's event time, epoch milliseconds
     * @param scoredAtMillis  wall-clock scoring time, epoch milliseconds
     * @throws IllegalArgumentException when the quantile levels and values differ in length
     */
    public static Prediction toAvro(String modelId, String requestId, long version, PredictiveSummary summary,
                                    long seed, long eventTimeMillis, long scoredAtMillis) {
        Prediction.Builder b = Prediction.newBuilder()
                .setModelId(modelId)
                .setRequestId(requestId)
                .setModelVersion(version)
                .setMean(summary.mean())
                .setStd(summary.std())
                .setEpistemicStd(summary.epistemicStd())
                .setAleatoricStd(summary.aleatoricStd())
                .setIntervalLevel(summary.intervalLevel())
                .setLower(summary.lower())
                .setUpper(summary.upper())
                .setSamples(summary.samples())
                .setSeed(seed)
                .setEventTime(Instant.ofEpochMilli(eventTimeMillis))
                .setScoredAt(Instant.ofEpochMilli(scoredAtMillis));
        if (summary.classProbabilities() != null) {
            return b.setQuantiles(List.of())
                    .setClassProbabilities(PosteriorCodec.boxed(summary.classProbabilities()))
                    .setPredictedClass(summary.predictedClass())
                    .setEntropy(summary.entropy())
                    .setMutualInformation(summary.mutualInformation())
                    .build();
        }
        return b.setQuantiles(quantiles(summary.quantileLevels(), summary.quantiles()))
                .setClassProbabilities(null)
                .setPredictedClass(null)
                .setEntropy(null)
                .setMutualInformation(null)
                .build();
    }

    private static List<Quantile> quantiles(double[] levels, double[] values) {
        if (levels == null || values == null) return List.of();
        if (levels.length != values.length) {
            throw new IllegalArgumentException("summary has " + levels.length + " quantile levels but " + values.length + " quantiles");
        }
        List<Quantile> quantiles = new ArrayList<>(levels.length);
        for (int i = 0; i < levels.length; i++) quantiles.add(new Quantile(levels[i], values[i]));
        return quantiles;
    }
}
