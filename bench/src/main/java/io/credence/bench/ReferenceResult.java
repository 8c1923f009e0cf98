package io.credence.bench;

/**
 * The JSON line the PyTorch reference ({@code shared/bench/bbb_torch.py}) prints.
 *
 * @param trainPerSecond training examples per second
 * @param scorePerSecond scoring examples per second (S forward passes per example)
 * @param testRmse       test RMSE in target units
 * @param testLl         test log-likelihood per example in target units
 * @param coverage90     share of test targets inside the 90% interval
 * @param threads        torch threads used
 * @param torch          torch version
 * @param json           the raw line
 */
public record ReferenceResult(double trainPerSecond, double scorePerSecond, double testRmse, double testLl,
                              double coverage90, int threads, String torch, String json) {
}
