package io.credence.trainer.processor;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a labeled record or spec sits when it can go straight to its model's learner, in the task that read it: keyed
 * by its model id (UTF-8) on the partition Kafka's default partitioner picks for that key (murmur2 hash modulo the
 * partition count). Task i reads partition i of every input topic and of the by-model repartition topic, which has as
 * many partitions as labeled-records and is keyed by model id the same way, so such a record is already where the
 * repartition would take it. Any other record takes the by-model topic, or, with
 * {@code credence.trainer.input-keyed-by-model: true} (no repartition topic at all), is dead-lettered.
 *
 * @param partitions partitions of labeled-records, and of the by-model topic (with {@code keyedOnly}: of model-specs
 *                   too, the topics co-partitioned)
 * @param keyedOnly  {@code credence.trainer.input-keyed-by-model}: every record must be in place
 */
public record ModelPartitioning(int partitions, boolean keyedOnly) {

    /** Error class of a record that is not keyed by its model id or not on that key's partition, with {@code keyedOnly}. */
    public static final String WRONG_PARTITION = "WRONG_PARTITION";

    public ModelPartitioning {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }

    /** Whether a record of model {@code id} (UTF-8) with {@code key}, read from {@code partition}, is in place. */
    boolean inPlace(byte[] key, byte[] id, int partition) {
        return key != null && Arrays.equals(key, id) && partition == BuiltInPartitioner.partitionForKey(id, partitions);
    }

    /** Why a record of {@code modelId} with {@code key}, read from {@code partition}, is not in place. */
    Optional<String> problem(byte[] key, String modelId, int partition) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        if (key == null || !Arrays.equals(key, id)) {
            return Optional.of((key == null ? "no key" : "the key '" + new String(key, StandardCharsets.UTF_8) + "'")
                    + " is not the model id '" + modelId + "': with credence.trainer.input-keyed-by-model=true every"
                    + " labeled record and spec must be keyed by its model id");
        }
        int expected = BuiltInPartitioner.partitionForKey(id, partitions);
        if (partition != expected) {
            return Optional.of("keyed by model id '" + modelId + "' but on partition " + partition + " where Kafka's default"
                    + " partitioner (murmur2) puts that key on partition " + expected + " of " + partitions
                    + ": the producer uses another partitioner (librdkafka-based clients: set partitioner=murmur2_random)");
        }
        return Optional.empty();
    }
}
