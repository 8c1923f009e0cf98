package io.credence.scorer.http;

import java.util.List;

/**
 * Response of POST /predict/batch.
 *
 * @param modelId      model id
 * @param modelVersion snapshot version that scored every row
 * @param predictions  one prediction per row, in order
 */
public record BatchPredictionView(String modelId, long modelVersion, List<PredictionView> predictions) {
}
