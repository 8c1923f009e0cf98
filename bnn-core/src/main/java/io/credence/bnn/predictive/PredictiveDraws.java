package io.credence.bnn.predictive;

/**
 * What each of the S Monte Carlo weight draws behind one {@link PredictiveSummary} predicts, draw s at index s: the
 * raw material of the summary, for callers who draw their own bands. The summary's mean is the average of
 * {@link #means()}.
 *
 * <p>Regression: {@code means[s]} is the predictive mean of draw s and {@code noiseScales[s]} the scale of its noise,
 * both in target units; the draw's predictive is means[s] + noiseScales[s] eps, eps the model's unit noise (Gaussian:
 * the scale is the noise std; Student-t with nu degrees of freedom: its std is scale sqrt(nu / (nu - 2))). The
 * summary's epistemic std is the (population) std of the means, its aleatoric variance the average noise variance.
 * {@code classProbabilities} is null.
 *
 * <p>Classification: {@code classProbabilities[s]} is draw s's softmax probabilities, and {@code means[s]} its
 * probability of the summary's predicted class (so that, as for regression, the summary's mean is the average of the
 * means); {@code noiseScales} is null.
 *
 * @param means              [S] per-draw predictive means (classification: probability of the predicted class)
 * @param noiseScales        [S] per-draw noise scales in target units (regression); null for classification
 * @param classProbabilities [S][classes] per-draw class probabilities (classification); null for regression
 */
public record PredictiveDraws(double[] means, double[] noiseScales, double[][] classProbabilities) {

    /** S, the number of draws. */
    public int samples() {
        return means.length;
    }
}
