package io.credence.bnn.predictive;

/**
 * The posterior predictive of one input from S Monte Carlo draws, in target units.
 * Regression: mean, std = sqrt(epistemic^2 + aleatoric^2), central interval and quantiles of the Monte Carlo
 * mixture (Gaussian or Student-t components).
 * Classification: mean class probabilities, argmax, entropy and mutual information (regression-only fields NaN or
 * empty); mean and std describe the predicted class's probability.
 *
 * @param mean               predictive mean
 * @param std                total predictive std
 * @param epistemicStd       std of the S sampled means
 * @param aleatoricStd       root of the mean predicted noise variance (heteroscedastic: each draw's log-variance at
 *                           least the posterior's logVarianceFloor)
 * @param intervalLevel      level of [lower, upper]
 * @param lower              lower end of the central interval
 * @param upper              upper end of the central interval
 * @param quantileLevels     levels of {@code quantiles}
 * @param quantiles          quantiles of the predictive mixture
 * @param classProbabilities classification: mean probabilities; null for regression
 * @param predictedClass     classification: argmax; -1 for regression
 * @param entropy            classification: entropy of the mean probabilities (nats); NaN for regression
 * @param mutualInformation  classification: entropy minus mean entropy of the draws (nats); NaN for regression
 * @param samples            S
 */
public record PredictiveSummary(double mean, double std, double epistemicStd, double aleatoricStd,
                                double intervalLevel, double lower, double upper,
                                double[] quantileLevels, double[] quantiles,
                                double[] classProbabilities, int predictedClass, double entropy,
                                double mutualInformation, int samples) {
}
