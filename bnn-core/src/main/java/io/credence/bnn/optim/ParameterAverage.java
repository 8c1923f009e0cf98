package io.credence.bnn.optim;

import io.credence.bnn.model.ParameterVector;

/**
 * Polyak averaging of the variational parameters (Polyak and Juditsky 1992, in its exponential form): after each
 * accepted update, average = decay * average + (1 - decay) * parameters, started at the first update's parameters, so
 * it spans about the last 1 / (1 - decay) updates. Adam at a constant step keeps the live means jittering around the
 * optimum; the average keeps that jitter out of what is published, while training continues from the live parameters.
 * The average is over mu, rho (sigma = softplus of the averaged rho) and the likelihood's parameters alike.
 */
public final class ParameterAverage {
    private double decay;
    private ParameterVector average;

    /** An average that starts at the next {@link #update}. */
    public ParameterAverage(double decay) {
        this(decay, null);
    }

    /**
     * An average continuing from a checkpoint.
     *
     * @param average the saved average, or null if no update has been averaged yet
     */
    public ParameterAverage(double decay, ParameterVector average) {
        this.decay = decay;
        this.average = average;
    }

    /** Folds in the parameters after an accepted update. */
    public void update(ParameterVector live) {
        if (average == null) {
            average = live.copy();
            return;
        }
        fold(average.mu, live.mu);
        fold(average.rho, live.rho);
        fold(average.likelihood, live.likelihood);
    }

    private void fold(double[] avg, double[] live) {
        for (int i = 0; i < avg.length; i++) avg[i] = decay * avg[i] + (1 - decay) * live[i];
    }

    /** Applies a new decay from the next update on (a spec change); the average so far is kept. */
    public void setDecay(double decay) {
        this.decay = decay;
    }

    /** The average, or null before the first update (the live parameters are then the ones to publish). */
    public ParameterVector parameters() {
        return average;
    }
}
