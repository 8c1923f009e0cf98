package io.credence.bnn.predictive;

import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;

/**
 * A posterior decoded once into a ready-to-sample model. {@link #predict} is a pure function of (posterior, seed,
 * input, samples): the same arguments give the same summary whether they come from a stream or from HTTP.
 * Thread-safe.
 */
public final class Predictor {

    /** Decodes {@code posterior}; draws are seeded by {@code seed}. */
    public static Predictor of(Posterior posterior, long seed) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Predictive summaries of a micro-batch of raw inputs.
     *
     * @param features [batch][features] raw inputs, already checked by {@link io.credence.bnn.data.InputCheck}
     * @param samples  Monte Carlo draws S (1..ModelSpec.MAX_SAMPLES)
     */
    public PredictiveSummary[] predict(double[][] features, int samples) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public ModelSpec spec() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public long seed() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
