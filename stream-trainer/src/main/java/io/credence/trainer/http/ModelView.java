package io.credence.trainer.http;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.PrequentialSummary;
import io.credence.avro.TrainerState;
import io.credence.avro.TrainingMetrics;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.ModelSpecJson;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;

/**
 * One model as GET /models shows it.
 *
 * @param modelId          model id
 * @param version          version of the last published snapshot, 0 before the first
 * @param task             REGRESSION or CLASSIFICATION
 * @param features         input width
 * @param hidden           hidden layer widths
 * @param recordsSeen      records trained on by the current posterior
 * @param updates          mini-batch updates of the current posterior
 * @param rejectedSteps    updates rejected for a non-finite loss or parameters
 * @param prequential      prequential metrics over the whole stream, or null before the first update
 * @param decayed          prequential metrics, exponentially decayed, or null before the first update
 * @param lastSnapshotTime when the last snapshot was published (ISO-8601), or null before the first
 * @param lastUpdateTime   when the last update happened (ISO-8601), or null before the first
 * @param replayCredit     rehearsal examples the model's replay budget still allows; 0 once rehearsal has stopped
 * @param spec             the spec it trains under, as spec.json writes it ({@link ModelSpecJson}; without fromWeights,
 *                         which only seeds a new posterior): save it, edit it and publish it with {@code credence spec}
 */
public record ModelView(String modelId, long version, String task, int features, List<Integer> hidden,
                        long recordsSeen, long updates, long rejectedSteps, Prequential prequential,
                        Prequential decayed, String lastSnapshotTime, String lastUpdateTime, double replayCredit,
                        @JsonRawValue String spec) {

    /** The view of a learner-store entry. */
    static ModelView of(TrainerState state) {
        PosteriorSnapshot posterior = state.getPosterior();
        TrainingMetrics metrics = state.getLastMetrics();
        return new ModelView(posterior.getModelId(), posterior.getVersion(), posterior.getSpec().getTask().name(),
                posterior.getSpec().getFeatures(), posterior.getSpec().getHidden(), posterior.getRecordsSeen(),
                posterior.getUpdates(), state.getRejectedSteps(),
                metrics == null ? null : Prequential.of(metrics.getCumulative()),
                metrics == null ? null : Prequential.of(metrics.getDecayed()),
                state.getLastSnapshotMillis() == 0 ? null : Instant.ofEpochMilli(state.getLastSnapshotMillis()).toString(),
                metrics == null ? null : metrics.getTimeMillis().toString(), Math.max(0, state.getReplayCredit()),
                ModelSpecJson.toJson(ModelSpecCodec.toCore(posterior.getSpec()).toBuilder().fromWeights(null).build()));
    }

    /**
     * Prequential (test-then-train) metrics; a metric that does not apply to the task is null.
     *
     * @param count    examples scored (decayed count for decayed metrics)
     * @param rmse     regression: RMSE of the predictive mean, target units
     * @param nll      mean negative log predictive density, or log-loss
     * @param crps     regression: mean CRPS, target units
     * @param coverage regression: fraction of labels inside the central interval
     * @param accuracy classification: fraction of correct argmax predictions
     */
    public record Prequential(double count, Double rmse, Double nll, Double crps, Double coverage, Double accuracy) {
        static Prequential of(PrequentialSummary s) {
            return new Prequential(s.getCount(), s.getRmse(), s.getNll(), s.getCrps(), s.getCoverage(), s.getAccuracy());
        }
    }
}
