package io.credence.scorer.http;

/**
 * Body of POST /predict/batch: several input rows for one model, scored in one micro-batch (the live page uses it to
 * draw the predictive band over a grid).
 *
 * @param modelId model to score with
 * @param rows    [rows][features] raw inputs
 * @param samples optional Monte Carlo draws per row, overriding the spec's scoreSamples
 */
public record BatchPredictRequest(String modelId, double[][] rows, Integer samples) {
}
