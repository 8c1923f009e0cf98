package io.credence.bnn.inference;

import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;

/**
 * Online Bayes by Backprop for one model. Call order: {@link #create} or {@link #restore}, then {@link #learn} for each
 * mini-batch (which scores the batch prequentially, folds it into the standardisers, then takes the spec's SVI steps),
 * and {@link #posterior} or {@link #state} whenever a snapshot or checkpoint is due. Not thread-safe: one learner
 * belongs to one stream task.
 */
public final class OnlineLearner {

    /** A fresh learner: posterior initialised from the spec and its seed. */
    public static OnlineLearner create(ModelSpec spec) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A learner that continues exactly from {@code state}. */
    public static OnlineLearner restore(LearnerState state) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Learns from one mini-batch given in raw units. {@code weights} may be null (all 1). The batch must have passed
     * {@link io.credence.bnn.data.InputCheck}.
     *
     * @param features [batch][features] raw inputs
     * @param labels   [batch] raw targets, or class indices
     * @param weights  [batch] per-example likelihood weights, or null
     */
    public StepReport learn(double[][] features, double[] labels, double[] weights) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Applies a spec that {@link ModelSpec#incompatibilityWith} accepts (learning rate, samples, cadence...). */
    public void updateSpec(ModelSpec compatible) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public ModelSpec spec() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The current posterior as an immutable export. */
    public Posterior posterior() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A deep copy of the whole learner state, for checkpoints. */
    public LearnerState state() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
