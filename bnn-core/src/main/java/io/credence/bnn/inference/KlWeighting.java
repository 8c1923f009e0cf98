package io.credence.bnn.inference;

import io.credence.bnn.spec.ModelSpec;

/**
 * The per-record KL weight of a stream, which has no data-set size N. For a finite data set the per-example ELBO is
 * E[log p(y|x,w)] - KL / N; here N is the number of records the current prior should summarise:
 * <ul>
 *   <li>EFFECTIVE_DATA_SIZE: N = min(records seen, effectiveDataSize), so the posterior after n &lt; N records is the
 *       posterior of those n records, and afterwards it remembers about N records' worth of evidence;</li>
 *   <li>POSTERIOR_AS_PRIOR: the prior is the posterior of the previous window of effectiveDataSize records, so N =
 *       min(records since that refresh, effectiveDataSize).</li>
 * </ul>
 * The spec's klWeight multiplies the result. The weight depends on records, never on epochs: a stream does not end.
 */
public final class KlWeighting {
    private KlWeighting() {}

    /**
     * @param spec          the model spec
     * @param recordsInScope records the current prior has to be updated with so far (this batch included)
     * @param batch         records in this batch (lower bound of N, so the first batch is not swamped by the KL)
     */
    public static double scale(ModelSpec spec, long recordsInScope, int batch) {
        long n = Math.max(batch, Math.min(recordsInScope, spec.streaming().effectiveDataSize()));
        return spec.variational().klWeight() / n;
    }
}
