package io.credence.trainer.processor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a model id may be: not blank, at most {@value #MAX_BYTES} UTF-8 bytes, no NUL character. The id is the key of
 * the model's snapshots, metrics and state, and is repeated inside each of them (snapshot, spec, metrics), so an id of
 * hundreds of kilobytes would make those records exceed Kafka's request limit and stop the trainer. NUL separates the
 * model id from the part number in the keys of snapshots and checkpoints kept in parts
 * ({@link io.credence.schemas.parts.SnapshotKeys}, {@link CheckpointStore}), so no id may contain one.
 */
final class ModelIds {

    /** Longest model id accepted, in UTF-8 bytes. */
    static final int MAX_BYTES = 255;

    private ModelIds() {}

    /** Why {@code modelId} cannot name a model, or empty when it can. */
    static Optional<String> problem(String modelId) {
        if (modelId.isBlank()) return Optional.of("the model id is blank");
        if (modelId.indexOf('\u0000') >= 0) return Optional.of("the model id contains a NUL character (U+0000)");
        int bytes = modelId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("the model id is " + bytes + " bytes long, more than " + MAX_BYTES + " ('"
                    + modelId.substring(0, 32) + "...')");
        }
        return Optional.empty();
    }
}
