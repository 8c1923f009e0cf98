package io.credence.scorer.scoring;

import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.data.InputCheck;
import io.credence.bnn.data.InputRejection;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.predictive.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.PredictionCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One posterior snapshot decoded into a ready-to-sample model, and the one way feature records are checked and scored
 * with it, shared by the stream path and POST /predict. Immutable.
 *
 * @param modelId     model id
 * @param version     snapshot version
 * @param predictor   the decoded posterior, seeded with {@link PredictorCache#seed(long, long)}
 * @param createdAt   when the trainer published the snapshot
 * @param loadedAt    when this instance finished decoding it
 * @param recordsSeen records the posterior was trained on
 * @param inputs      the feature standardiser it was trained with (the training range, for the live page)
 * @param quantileLevels levels of the predictive quantiles every regression prediction reports
 */
public record LoadedModel(String modelId, long version, Predictor predictor, Instant createdAt, Instant loadedAt,
                          long recordsSeen, StandardizerState inputs, double[] quantileLevels) {
    public LoadedModel {
        quantileLevels = quantileLevels.clone();
    }

    /** The spec the posterior was trained under. */
    public ModelSpec spec() {
        return predictor.spec();
    }

    /** Why {@code record} cannot be scored by this model (sample override, feature count, non-finite values), if so. */
    public Optional<InputRejection> check(FeatureRecord record) {
        Optional<InputRejection> badSamples = InputCheck.samples(record.getSamples());
        return badSamples.isPresent() ? badSamples : InputCheck.features(spec(), features(record));
    }

    /** Monte Carlo draws for {@code record}: its own override, else the spec's scoreSamples. */
    public int samplesFor(FeatureRecord record) {
        return record.getSamples() != null ? record.getSamples() : spec().scoreSamples();
    }

    /**
     * Scores a micro-batch in one {@link Predictor#predict} call.
     *
     * @param records        checked records, all scored with {@code samples} draws
     * @param samples        Monte Carlo draws S
     * @param scoredAtMillis wall-clock scoring time, epoch ms
     * @return one prediction per record, in order
     */
    public List<Prediction> score(List<FeatureRecord> records, int samples, long scoredAtMillis) {
        double[][] x = new double[records.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(records.get(i));
        }
        PredictiveSummary[] summaries = predictor.predict(x, samples, quantileLevels);
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (int i = 0; i < x.length; i++) {
            FeatureRecord r = records.get(i);
            predictions.add(PredictionCodec.toAvro(modelId, r.getRequestId(), version, summaries[i], predictor.seed(),
                    r.getEventTime().toEpochMilli(), scoredAtMillis));
        }
        return predictions;
    }

    private static double[] features(FeatureRecord record) {
        return record.getFeatures().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
