package io.credence.schemas.codec;

import io.credence.avro.Tensor;
import io.credence.avro.TrainerState;
import io.credence.bnn.inference.LearnerState;

import java.util.List;

/**
 * Converts a core {@link LearnerState} to the learner part of the trainer's Avro {@link TrainerState} (posterior,
 * Adam moments, posterior-as-prior prior, prequential accumulators, rejected steps, Polyak average) and back. The app-only fields
 * (last metrics, pending mini-batch, snapshot and idle timers) are left to the trainer, at their schema defaults.
 */
public final class LearnerStateCodec {

    private LearnerStateCodec() {}

    /**
     * A builder with every learner field set from {@code state} and the app-only fields at their defaults (no
     * metrics, empty pending batch, zero timers); {@code build()} on it gives a valid record.
     *
     * @param version         version of the last published snapshot (0 before the first)
     * @param createdAtMillis wall-clock time of this checkpoint, epoch milliseconds
     */
    public static TrainerState.Builder toAvro(LearnerState state, long version, long createdAtMillis) {
        return TrainerState.newBuilder()
                .setPosterior(PosteriorCodec.toAvro(state.posterior(), version, createdAtMillis, null))
                .setAdamStep(state.adamStep())
                .setAdamM(TensorCodec.toAvro(state.adamM()))
                .setAdamV(TensorCodec.toAvro(state.adamV()))
                .setPriorMean(state.priorMean() == null ? null : TensorCodec.toAvro(state.priorMean()))
                .setPriorSigma(state.priorSigma() == null ? null : TensorCodec.toAvro(state.priorSigma()))
                .setRecordsSincePriorRefresh(state.recordsSincePriorRefresh())
                .setPrequential(PosteriorCodec.boxed(state.prequential()))
                .setRejectedSteps(state.rejectedSteps())
                .setAverageParameters(state.averageParameters() == null ? null : TensorCodec.toAvro(state.averageParameters()))
                .setReplayCredit(state.replayCredit());
    }

    /**
     * The core learner state in {@code avro}.
     *
     * @throws IllegalArgumentException naming the model when the posterior or a flat tensor is invalid
     */
    public static LearnerState toCore(TrainerState avro) {
        String model = avro.getPosterior().getModelId();
        return new LearnerState(PosteriorCodec.toCore(avro.getPosterior()), avro.getAdamStep(),
                flat(model, "adamM", avro.getAdamM()), flat(model, "adamV", avro.getAdamV()),
                avro.getPriorMean() == null ? null : flat(model, "priorMean", avro.getPriorMean()),
                avro.getPriorSigma() == null ? null : flat(model, "priorSigma", avro.getPriorSigma()),
                avro.getRecordsSincePriorRefresh(), PosteriorCodec.unboxed(avro.getPrequential()),
                avro.getRejectedSteps(),
                avro.getAverageParameters() == null ? null : flat(model, "averageParameters", avro.getAverageParameters()),
                avro.getReplayCredit(), List.of());
    }

    private static float[] flat(String model, String name, Tensor tensor) {
        try {
            int[] shape = TensorCodec.shape(tensor);
            if (shape.length != 1) {
                throw new IllegalArgumentException("expected a flat tensor [n], got shape " + java.util.Arrays.toString(shape));
            }
            return TensorCodec.toFloats(tensor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid trainer state of model " + model + ", " + name + ": " + e.getMessage(), e);
        }
    }
}
