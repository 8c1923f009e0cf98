package io.credence.bnn.inference;

import io.credence.bnn.metrics.PrequentialSummary;

/**
 * What one mini-batch update did.
 *
 * @param accepted      false when a step produced a non-finite loss or parameters and the last good posterior was kept
 * @param elbo          per-example ELBO estimate at the last step (nats, higher is better)
 * @param kl            KL(q || prior) estimate at the last step (nats, whole network)
 * @param nll           mean expected negative log-likelihood of the batch at the last step (standardised units)
 * @param batchSize     examples in the batch
 * @param cumulative    prequential metrics over the whole stream, this batch included
 * @param decayed       prequential metrics, exponentially decayed
 * @param recordsSeen   records trained on so far
 * @param updates       updates done so far
 * @param rejectedSteps steps rejected so far
 */
public record StepReport(boolean accepted, double elbo, double kl, double nll, int batchSize,
                         PrequentialSummary cumulative, PrequentialSummary decayed,
                         long recordsSeen, long updates, long rejectedSteps) {
}
