/**
 * The core throughput benchmark: Credence's SVI step, online learner and Monte Carlo predictive against the PyTorch
 * Bayes-by-Backprop reference ({@code shared/bench/bbb_torch.py}) on the same model, data recipe, sizes and threads.
 */
package io.credence.bench.core;
