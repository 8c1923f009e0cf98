package io.credence.scorer.scoring;

import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.data.InputCheck;
import io.credence.bnn.data.InputError;
import io.credence.bnn.data.InputRejection;
import io.credence.bnn.predictive.PredictiveDraws;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.data.StandardizerState;
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

    /**
     * Why {@code record} cannot be scored by this model (sample override, feature count, non-finite values, draws
     * asked for that would make the prediction too large to write), if so.
     */
    public Optional<InputRejection> check(FeatureRecord record) {
        Optional<InputRejection> badSamples = InputCheck.samples(record.getSamples());
        if (badSamples.isPresent()) return badSamples;
        Optional<InputRejection> badFeatures = InputCheck.features(spec(), features(record));
        if (badFeatures.isPresent() || !record.getIncludeDraws()) return badFeatures;
        int samples = samplesFor(record);
        long bytes = PredictionCodec.drawsBytes(samples, spec().classes());
        if (bytes <= PredictionCodec.MAX_DRAWS_BYTES) return Optional.empty();
        return Optional.of(new InputRejection(InputError.TOO_MANY_DRAWS, "the " + samples + " draws asked for (includeDraws) of "
                + (spec().classes() == 0 ? "a regression" : "a " + spec().classes() + "-class model") + " would take "
                + bytes + " bytes, over the limit of " + PredictionCodec.MAX_DRAWS_BYTES + " per prediction; ask for at most "
                + PredictionCodec.maxSamplesWithDraws(spec().classes()) + " samples"));
    }

    /** Monte Carlo draws for {@code record}: its own override, else the spec's scoreSamples. */
    public int samplesFor(FeatureRecord record) {
        return record.getSamples() != null ? record.getSamples() : spec().scoring().scoreSamples();
    }

    /**
     * Scores a micro-batch in one {@link Predictor} call; the predictions of records with {@code includeDraws} carry
     * their Monte Carlo draws (computed only when some record asks).
     *
     * @param records        checked records, all scored with {@code samples} draws
     * @param samples        Monte Carlo draws S
     * @param scoredAtMillis wall-clock scoring time, epoch ms
     * @return one prediction per record, in order
     */
    public List<Prediction> score(List<FeatureRecord> records, int samples, long scoredAtMillis) {
        double[][] x = new double[records.size()][];
        boolean[] withDraws = new boolean[records.size()];
        boolean anyDraws = false;
        for (int i = 0; i < x.length; i++) {
            x[i] = features(records.get(i));
            withDraws[i] = records.get(i).getIncludeDraws();
            anyDraws |= withDraws[i];
        }
        PredictiveSummary[] summaries;
        PredictiveDraws[] draws = new PredictiveDraws[x.length];
        if (anyDraws) {
            Predictor.Scored[] scored = predictor.predictWithDraws(x, samples, quantileLevels, withDraws);
            summaries = new PredictiveSummary[x.length];
            for (int i = 0; i < x.length; i++) {
                summaries[i] = scored[i].summary();
                draws[i] = scored[i].draws();
            }
        } else {
            summaries = predictor.predict(x, samples, quantileLevels);
        }
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (int i = 0; i < x.length; i++) {
            FeatureRecord r = records.get(i);
            predictions.add(PredictionCodec.toAvro(modelId, r.getRequestId(), version, summaries[i], draws[i],
                    predictor.seed(), r.getEventTime().toEpochMilli(), scoredAtMillis));
        }
        return predictions;
    }

    private static double[] features(FeatureRecord record) {
        return record.getFeatures().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
