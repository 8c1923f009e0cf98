package io.credence.bnn.optim;

import io.credence.bnn.model.ParameterVector;

/**
 * Polyak averaging of the variational parameters (Polyak and Juditsky 1992, in its exponential form): after each
 * accepted update, average = d * average + (1 - d) * parameters, started at the first update's parameters, so it spans
 * about the last 1 / (1 - decay) updates. While the learner is young the decay warms up as in TensorFlow's
 * ExponentialMovingAverage with num_updates: d = min(decay, (1 + n) / (10 + n)) after the learner's n-th update, so the
 * first snapshots average over about the last tenth of the updates made instead of holding on to the untrained start
 * (d reaches 0.999 after about 9,000 updates). Adam at a constant step keeps the live means jittering around the
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

    /**
     * Folds in the parameters after an accepted update.
     *
     * @param updates the learner's update count, this update included (1 after its first), which sets the warm-up
     */
    public void update(ParameterVector live, long updates) {
        if (average == null) {
            average = live.copy();
            return;
        }
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        fold(average.mu, live.mu, d);
        fold(average.rho, live.rho, d);
        fold(average.likelihood, live.likelihood, d);
    }

    private static void fold(double[] avg, double[] live, double d) {
        for (int i = 0; i < avg.length; i++) avg[i] = d * avg[i] + (1 - d) * live[i];
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
