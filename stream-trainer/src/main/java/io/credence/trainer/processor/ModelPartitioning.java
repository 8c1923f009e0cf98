package io.credence.trainer.processor;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a record must sit when the trainer reads its inputs without repartitioning them
 * ({@code credence.trainer.input-keyed-by-model: true}): keyed by its model id (UTF-8) and on the partition Kafka's
 * default partitioner picks for that key (murmur2 hash modulo the partition count), so that every labeled record and
 * spec of a model reaches the one stream task that holds the model.
 *
 * @param partitions partitions of labeled-records and of model-specs (equal: the topics are co-partitioned)
 */
public record ModelPartitioning(int partitions) {

    /** Error class of a record that is not keyed by its model id or not on that key's partition. */
    public static final String WRONG_PARTITION = "WRONG_PARTITION";

    public ModelPartitioning {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }

    /** Why a record of {@code modelId} with {@code key}, read from {@code partition}, cannot go straight to its learner. */
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
