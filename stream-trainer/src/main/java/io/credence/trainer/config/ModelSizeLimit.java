package io.credence.trainer.config;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;

import java.util.Optional;

/**
 * The largest model this trainer takes, by the heap a model needs: its learner (parameters, gradients, Adam's moments,
 * the Polyak average, in double precision: {@value #LEARNER_BYTES_PER_PARAMETER} bytes per weight or bias, measured on
 * a 784-1200-1200-10 classifier) and, while it is saved, {@value #CHECKPOINT_COPIES} copies of its checkpoint (the
 * TrainerState's float32 tensors, encoded, then cut into parts). A spec that needs more is refused like any invalid
 * one, before the trainer could run out of memory on it; a checkpoint too large for one Kafka record is no limit, it is
 * written in parts. Specs beyond ModelSpec's own bounds never get this far.
 *
 * @param maxBytes heap one model may need, bytes
 */
public record ModelSizeLimit(long maxBytes) {

    /** Heap of a learner per weight or bias, bytes. */
    public static final long LEARNER_BYTES_PER_PARAMETER = 128;
    /** Copies of the checkpoint a save holds at once: the record, its encoding (and the buffer it grew in), its parts. */
    public static final int CHECKPOINT_COPIES = 4;

    public ModelSizeLimit {
        if (maxBytes <= 0) throw new IllegalArgumentException("the largest model must be > 0 bytes, got " + maxBytes);
    }

    /**
     * The limit {@code credence.trainer.max-model-mib} sets: {@code maxModelMib} MiB, or when it is 0, three quarters of
     * {@code maxHeapBytes} (the JVM's maximum heap, {@code -Xmx}).
     */
    public static ModelSizeLimit of(long maxModelMib, long maxHeapBytes) {
        if (maxModelMib < 0) throw new IllegalArgumentException("credence.trainer.max-model-mib must be >= 0, got " + maxModelMib);
        return new ModelSizeLimit(maxModelMib > 0 ? maxModelMib << 20 : maxHeapBytes / 4 * 3);
    }

    /**
     * The float32 tensors of {@code spec}'s checkpoint, bytes: posterior means and rhos, Adam's two moments, with Polyak
     * averaging the averaged parameters, and in posterior-as-prior mode the prior (24 to 40 bytes per weight or bias).
     */
    public static long checkpointBytes(ModelSpec spec) {
        long p = spec.parameterCount();
        long likelihood = 1; // at most one likelihood parameter (a learned noise scale), optimised alongside
        long floats = 2 * p + 2 * (2 * p + likelihood) + (spec.optimiser().averagingDecay() > 0 ? 2 * p + likelihood : 0)
                + (spec.streaming().streamingMode() == StreamingMode.POSTERIOR_AS_PRIOR ? 2 * p : 0);
        return Float.BYTES * floats;
    }

    /** The heap {@code spec}'s model needs while it trains and is saved, bytes. */
    public static long heapBytes(ModelSpec spec) {
        return LEARNER_BYTES_PER_PARAMETER * spec.parameterCount() + CHECKPOINT_COPIES * checkpointBytes(spec);
    }

    /** Why this trainer cannot take {@code spec}'s model, or empty when it can. */
    public Optional<String> violation(ModelSpec spec) {
        long needed = heapBytes(spec);
        if (needed <= maxBytes) return Optional.empty();
        return Optional.of("model " + spec.modelId() + " has " + spec.parameterCount() + " weights and biases: training it takes about "
                + mib(needed) + " MiB of heap (" + LEARNER_BYTES_PER_PARAMETER + " bytes a weight for the learner, and "
                + CHECKPOINT_COPIES + " copies of its " + mib(checkpointBytes(spec)) + " MiB checkpoint while it is saved), more"
                + " than this trainer's limit of " + mib(maxBytes) + " MiB per model (credence.trainer.max-model-mib; by default"
                + " three quarters of the JVM's maximum heap, -Xmx): give the trainer more heap or use a smaller network,"
                + " about " + maxBytes / (needed / spec.parameterCount()) + " weights and biases at most");
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 19)) >> 20;
    }
}
