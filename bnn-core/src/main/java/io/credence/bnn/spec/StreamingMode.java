package io.credence.bnn.spec;

/**
 * How an unbounded stream weights the KL term, which for a finite data set of N examples is KL / N per example.
 * <ul>
 *   <li>{@link #EFFECTIVE_DATA_SIZE}: a configured N; the posterior behaves as if it had seen N examples, so it keeps
 *       learning and never collapses onto the newest data.</li>
 *   <li>{@link #POSTERIOR_AS_PRIOR}: variational continual learning (Nguyen et al. 2018): every N records the prior
 *       becomes the current posterior, its variance multiplied by a tempering factor (>= 1 lets the model follow drift).</li>
 * </ul>
 */
public enum StreamingMode { EFFECTIVE_DATA_SIZE, POSTERIOR_AS_PRIOR }
