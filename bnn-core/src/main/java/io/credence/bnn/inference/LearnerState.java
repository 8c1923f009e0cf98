package io.credence.bnn.inference;

import io.credence.bnn.model.Posterior;

import java.util.List;

/**
 * Everything an {@link OnlineLearner} needs to continue exactly where it stopped: the posterior, Adam's moments, the
 * current prior (posterior-as-prior mode), the prequential accumulators and counters. Restoring it and learning the
 * same batches gives bit-identical results, because every random draw is seeded from (spec seed, update count).
 *
 * @param posterior                the live posterior (the one training continues from), standardisers and counters
 * @param adamStep                 Adam's step count t
 * @param adamM                    Adam first moments, flat over all trainable parameters
 * @param adamV                    Adam second moments, flat
 * @param priorMean                posterior-as-prior: flat prior means over all weights and biases; null otherwise
 * @param priorSigma               posterior-as-prior: flat prior stds; null otherwise
 * @param recordsSincePriorRefresh records trained since the prior was last set to the posterior
 * @param prequential              prequential accumulators ({@code Prequential#state()})
 * @param rejectedSteps            steps rejected for non-finite loss or parameters
 * @param averageParameters        the Polyak average of the parameters (spec averagingDecay &gt; 0), flat in
 *                                 {@link io.credence.bnn.model.ParameterVector}'s order; null when averaging is off or
 *                                 before the first update
 * @param replayCredit             rehearsal examples the replay budget still allows
 * @param replayWindow             the examples to restore the replay window from ({@link ReplayWindow}); empty in
 *                                 {@link OnlineLearner#state()}, whose window lives apart ({@link OnlineLearner#replayWindow()};
 *                                 a trainer keeps it in a store of its own)
 */
public record LearnerState(Posterior posterior, long adamStep, float[] adamM, float[] adamV, float[] priorMean,
                           float[] priorSigma, long recordsSincePriorRefresh, double[] prequential, long rejectedSteps,
                           float[] averageParameters, double replayCredit, List<ReplayWindow.Example> replayWindow) {
    public LearnerState {
        replayWindow = List.copyOf(replayWindow);
    }

    /** This state with {@code examples} as its replay window. */
    public LearnerState withReplayWindow(List<ReplayWindow.Example> examples) {
        return new LearnerState(posterior, adamStep, adamM, adamV, priorMean, priorSigma, recordsSincePriorRefresh,
                prequential, rejectedSteps, averageParameters, replayCredit, examples);
    }
}
