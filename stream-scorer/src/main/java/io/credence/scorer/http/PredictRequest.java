package io.credence.scorer.http;

/**
 * Body of POST /predict: one input row.
 *
 * @param modelId   model to score with
 * @param requestId optional caller id echoed in the prediction (a random one is made up if absent)
 * @param features  raw input features; length must equal the spec's features
 * @param samples   optional Monte Carlo draws, overriding the spec's scoreSamples
 * @param includeDraws optional: true returns the prediction's Monte Carlo draws under "draws", one per posterior weight
 *                  draw (as FeatureRecord.includeDraws; default false)
 */
public record PredictRequest(String modelId, String requestId, double[] features, Integer samples, Boolean includeDraws) {
}
