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
 * @param blas           the BLAS libraries the reference process loaded (paths)
 * @param json           the raw line
 */
public record ReferenceResult(double trainPerSecond, double scorePerSecond, double testRmse, double testLl,
                              double coverage90, int threads, String torch, String blas, String json) {

    /** Optimised BLAS implementations a fair reference may run on; anything else (netlib's reference BLAS) is refused. */
    private static final java.util.List<String> OPTIMISED = java.util.List.of("openblas", "mkl", "blis", "accelerate");

    /** Whether the reference ran on an optimised BLAS, as any PyTorch user's does. */
    public boolean optimisedBlas() {
        String b = blas.toLowerCase(java.util.Locale.ROOT);
        return OPTIMISED.stream().anyMatch(b::contains);
    }
}
