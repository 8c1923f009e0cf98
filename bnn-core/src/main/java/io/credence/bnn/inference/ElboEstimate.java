package io.credence.bnn.inference;

/**
 * One Monte Carlo estimate of the per-example negative ELBO, loss = nll + klScale * kl.
 *
 * @param loss negative ELBO per example (what SVI minimises)
 * @param nll  mean weighted expected negative log-likelihood per example
 * @param kl   KL(q || prior) of the whole network (nats)
 * @param minLogVariance heteroscedastic regression: the lowest log-variance the variance head gave a row of the batch
 *                       in any draw (standardised units); NaN for other likelihoods
 */
public record ElboEstimate(double loss, double nll, double kl, double minLogVariance) {
    /** The ELBO per example, -loss. */
    public double elbo() { return -loss; }

    public boolean isFinite() {
        return Double.isFinite(loss) && Double.isFinite(nll) && Double.isFinite(kl);
    }
}
