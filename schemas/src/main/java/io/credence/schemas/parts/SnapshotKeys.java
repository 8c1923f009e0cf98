package io.credence.schemas.parts;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import java.nio.charset.StandardCharsets;

/**
 * The keys of posterior-snapshots: a snapshot in one record is keyed by its model id (UTF-8); part i of a snapshot in
 * parts by the model id, a NUL character and i in decimal, so that compaction keeps part i of the newest version that
 * had one. A model id holds no NUL (the trainer refuses such ids), so no part key is another model's id. Every record of
 * a model goes to the partition Kafka's default partitioner gives its model id: parts then follow one another in
 * offset order, after every older record of their model.
 */
public final class SnapshotKeys {

    /** Separates the model id from the part index in a part's key. */
    public static final char SEPARATOR = '\u0000';

    private SnapshotKeys() {}

    /** The key of {@code modelId}'s snapshot in one record (and of its tombstone). */
    public static byte[] of(String modelId) {
        return modelId.getBytes(StandardCharsets.UTF_8);
    }

    /** The key of part {@code index} of {@code modelId}'s snapshots in parts. */
    public static byte[] ofPart(String modelId, int index) {
        return (modelId + SEPARATOR + index).getBytes(StandardCharsets.UTF_8);
    }

    /** The model id in {@code key}: the whole key, or what precedes the separator in a part's key. */
    public static String modelId(byte[] key) {
        return new String(key, 0, modelIdLength(key), StandardCharsets.UTF_8);
    }

    /** Whether {@code key} is a part's key. */
    public static boolean isPart(byte[] key) {
        return modelIdLength(key) < key.length;
    }

    /** Whether {@code key} is {@code modelId}'s key or one of its parts' keys. */
    public static boolean isOf(byte[] key, String modelId) {
        byte[] id = of(modelId);
        if (modelIdLength(key) != id.length) return false;
        for (int i = 0; i < id.length; i++) if (key[i] != id[i]) return false;
        return true;
    }

    /**
     * The partition of {@code key} among {@code partitions}: the one Kafka's default partitioner (murmur2) gives its
     * model id, so a model's parts and its one-record snapshots and tombstones share a partition.
     */
    public static int partition(byte[] key, int partitions) {
        int length = modelIdLength(key);
        byte[] id = length == key.length ? key : java.util.Arrays.copyOf(key, length);
        return BuiltInPartitioner.partitionForKey(id, partitions);
    }

    /** Bytes before the separator (UTF-8 encodes NUL as the single byte 0, which no other character contains). */
    private static int modelIdLength(byte[] key) {
        for (int i = 0; i < key.length; i++) if (key[i] == 0) return i;
        return key.length;
    }
}
