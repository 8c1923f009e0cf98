package io.credence.trainer.config;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;

import java.util.Optional;

/**
 * Whether a model's checkpoint fits in one Kafka record. The trainer keeps each model's TrainerState (float32
 * posterior means and rhos, Adam's two moments, with Polyak averaging the averaged means and rhos, and in
 * posterior-as-prior mode the prior: 24 to 40 bytes per weight or bias) as one record of its changelog topic, written under Kafka's default {@code max.request.size} of 1 MiB. A
 * spec whose state is larger would make every write of it fail and stop the trainer (and, the spec topic being
 * compacted, stop it again at every restart), so such a spec is refused like any invalid one.
 */
public final class CheckpointLimit {

    /** Largest checkpoint accepted, bytes: 1 MiB less 64 KiB for the spec, the metrics and the record envelope. */
    public static final long MAX_BYTES = 1024 * 1024 - 64 * 1024;

    private CheckpointLimit() {}

    /** The float32 tensors of {@code spec}'s checkpoint, in bytes. */
    public static long bytes(ModelSpec spec) {
        long p = spec.parameterCount();
        long likelihood = 1; // at most one likelihood parameter (a learned noise scale), optimised alongside
        long floats = 2 * p + 2 * (2 * p + likelihood) + (spec.averagingDecay() > 0 ? 2 * p + likelihood : 0)
                + (spec.streamingMode() == StreamingMode.POSTERIOR_AS_PRIOR ? 2 * p : 0);
        return Float.BYTES * floats;
    }

    /** Why {@code spec}'s checkpoint does not fit in a record, or empty when it does. */
    public static Optional<String> violation(ModelSpec spec) {
        long bytes = bytes(spec);
        if (bytes <= MAX_BYTES) return Optional.empty();
        return Optional.of("model " + spec.modelId() + " has " + spec.parameterCount() + " weights and biases: its checkpoint ("
                + bytes + " bytes of posterior, Adam moments" + (spec.averagingDecay() > 0 ? ", Polyak average" : "") + (spec.streamingMode() == StreamingMode.POSTERIOR_AS_PRIOR ? " and prior" : "")
                + ") would not fit the trainer's " + MAX_BYTES + "-byte record limit (Kafka's default max.request.size less"
                + " headroom); use a smaller network, about " + MAX_BYTES / (bytes / spec.parameterCount()) + " weights and biases at most");
    }
}
