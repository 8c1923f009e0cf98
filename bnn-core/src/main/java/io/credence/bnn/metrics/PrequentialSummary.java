package io.credence.bnn.metrics;

/**
 * Prequential (test-then-train) metrics over the examples scored so far. Metrics that do not apply to the task are NaN.
 *
 * @param count    examples scored (decayed count for a decayed summary)
 * @param rmse     regression: RMSE of the predictive mean, target units
 * @param nll      mean negative log predictive density (regression, target units) or log-loss (classification)
 * @param crps     regression: mean CRPS of the Gaussian predictive, target units
 * @param coverage regression: fraction of labels inside the central interval at the spec's level
 * @param accuracy classification: fraction of correct argmax predictions
 */
public record PrequentialSummary(double count, double rmse, double nll, double crps, double coverage, double accuracy) {
}
