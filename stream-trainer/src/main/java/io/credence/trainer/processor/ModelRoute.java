package io.credence.trainer.processor;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * Where a decoded labeled record or spec goes next, as {@link ModelPartitioning} says: in place, straight to the
 * learner of this task (which reads the origin from the record's metadata, so no origin headers are added); otherwise
 * to the by-model topic with its origin in headers, or, with keyed-only input, to the dead letters (WRONG_PARTITION).
 */
final class ModelRoute {

    private final ModelPartitioning partitioning;
    private final DeadLetterRoute deadLetters;
    private final Counter repartitioned;

    /** A route counting what crosses the by-model topic in {@code repartitioned}. */
    ModelRoute(ModelPartitioning partitioning, DeadLetterRoute deadLetters, Counter repartitioned) {
        this.partitioning = partitioning;
        this.deadLetters = deadLetters;
        this.repartitioned = repartitioned;
    }

    /**
     * The record to forward for the input {@code record} at {@code origin}, of model {@code modelId}.
     *
     * @param input     the input decoded
     * @param nowMillis wall-clock time, epoch milliseconds
     */
    Record<byte[], Emission> of(Record<byte[], byte[]> record, Origin origin, String modelId, LearnerInput input, long nowMillis) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        if (partitioning.inPlace(record.key(), id, origin.partition())) {
            return new Record<>(id, new Emission.ToLearner(input), record.timestamp(),
                    Origin.withoutOrigin(record.headers()));
        }
        if (partitioning.keyedOnly()) {
            return deadLetters.record(origin, record.value(), ModelPartitioning.WRONG_PARTITION,
                    partitioning.problem(record.key(), modelId, origin.partition()).orElseThrow(), nowMillis);
        }
        repartitioned.increment();
        return new Record<>(id, new Emission.ToByModel(input), record.timestamp(), origin.toHeaders(record.headers()));
    }
}
