package io.credence.bench.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Test metrics of one split, in the target's original units.
 *
 * @param split      split index
 * @param rmse       root mean squared error of the predictive mean
 * @param ll         mean log predictive density per test example (Monte Carlo mixture)
 * @param coverage90 share of test targets inside the central 90% predictive interval
 * @param seconds    wall time of training (rehearsal included) and scoring
 * @param trainRows  distinct training rows (each sent once per pass)
 * @param testRows   rows scored
 * @param updates    SVI updates of the scored posterior: one per mini-batch plus every rehearsal step (0: not
 *                   reported, the PyTorch reference)
 */
public record SplitResult(int split, double rmse, double ll, @JsonProperty("coverage_90") double coverage90, double seconds,
                          @JsonProperty("train_rows") int trainRows, @JsonProperty("test_rows") int testRows, long updates) {
}
