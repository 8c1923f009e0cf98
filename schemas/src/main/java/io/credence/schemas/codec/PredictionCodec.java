package io.credence.schemas.codec;

import io.credence.avro.Prediction;
import io.credence.avro.PredictiveDraw;
import io.credence.avro.Quantile;
import io.credence.bnn.predictive.PredictiveDraws;
import io.credence.bnn.predictive.PredictiveSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the Avro {@link Prediction} of one scored feature record from a core {@link PredictiveSummary}. */
public final class PredictionCodec {

    /**
     * The most bytes the draws of one prediction may take ({@link #drawsBytes}): 480 KiB, so that a prediction with
     * its draws, the ids it echoes from an input of at most {@link DeadLetters#MAX_INPUT_BYTES} (496 KiB) and the class
     * probabilities of up to 4096 classes (32 KiB) still fits in one produce request of Kafka's default
     * {@code max.request.size} (1 MiB). At the 10,000-sample cap every regression fits (180 KB) and classifiers of up
     * to 4 classes.
     */
    public static final int MAX_DRAWS_BYTES = 480 * 1024;

    private PredictionCodec() {}

    /**
     * An upper bound of the bytes {@code samples} draws take in a Prediction's binary encoding: 18 a draw for
     * regression (two doubles and two union branches), 13 + 8 x classes for classification, and 5 for the array.
     *
     * @param classes the model's classes, 0 for regression
     */
    public static long drawsBytes(int samples, int classes) {
        return 5 + samples * bytesPerDraw(classes);
    }

    /** The most samples whose draws fit in {@link #MAX_DRAWS_BYTES} ({@link #drawsBytes}). */
    public static int maxSamplesWithDraws(int classes) {
        return (int) ((MAX_DRAWS_BYTES - 5) / bytesPerDraw(classes));
    }

    private static long bytesPerDraw(int classes) {
        return classes == 0 ? 18 : 13 + 8L * classes;
    }

    /** {@link #toAvro(String, String, long, PredictiveSummary, PredictiveDraws, long, long, long)} without draws. */
    public static Prediction toAvro(String modelId, String requestId, long version, PredictiveSummary summary,
                                    long seed, long eventTimeMillis, long scoredAtMillis) {
        return toAvro(modelId, requestId, version, summary, null, seed, eventTimeMillis, scoredAtMillis);
    }

    /**
     * The prediction record. A summary with class probabilities is a classification: its class fields are set and
     * its quantiles empty; otherwise it is a regression: quantiles from the summary's levels and values, class fields
     * null.
     *
     * @param version         version of the posterior snapshot that scored it
     * @param draws           what each Monte Carlo draw predicted, for {@code draws}; null leaves it null
     * @param seed            seed of the posterior sample bank
     * @param eventTimeMillis the feature record's event time, epoch milliseconds
     * @param scoredAtMillis  wall-clock scoring time, epoch milliseconds
     * @throws IllegalArgumentException when the quantile levels and values differ in length
     */
    public static Prediction toAvro(String modelId, String requestId, long version, PredictiveSummary summary,
                                    PredictiveDraws draws, long seed, long eventTimeMillis, long scoredAtMillis) {
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
                .setScoredAt(Instant.ofEpochMilli(scoredAtMillis))
                .setDraws(draws == null ? null : draws(draws));
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

    /** One {@link PredictiveDraw} per draw: mean and noiseStd (regression) or mean and classProbabilities. */
    private static List<PredictiveDraw> draws(PredictiveDraws draws) {
        List<PredictiveDraw> out = new ArrayList<>(draws.samples());
        for (int s = 0; s < draws.samples(); s++) {
            out.add(new PredictiveDraw(draws.means()[s],
                    draws.noiseScales() == null ? null : draws.noiseScales()[s],
                    draws.classProbabilities() == null ? null : PosteriorCodec.boxed(draws.classProbabilities()[s])));
        }
        return out;
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
