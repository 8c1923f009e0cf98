package io.credence.scorer.processor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A feature record waiting in the pending store for its micro-batch (or for its model's first snapshot): the original
 * bytes and where they came from, so it can be scored or dead-lettered exactly as if it had just arrived.
 *
 * <p>Store key: {@code [modelId length: int][modelId: UTF-8][sequence: long]}, big-endian, so one model's records are
 * one key prefix, in arrival order. Store value: {@code [partition: int][offset: long][timestamp: long][arrivedAt:
 * long][key length: int, -1 for null][key][value length: int][value]}.
 *
 * @param partition       source partition
 * @param offset          source offset
 * @param timestamp       the record's timestamp, kept on the prediction
 * @param arrivedAtMillis wall-clock time the scorer first saw it (for the latency histogram)
 * @param key             original key bytes, or null
 * @param value           original value bytes
 */
record PendingRecord(int partition, long offset, long timestamp, long arrivedAtMillis, byte[] key, byte[] value) {
    private static final int HEADER_BYTES = 4 + 8 + 8 + 8 + 4 + 4;

    /** The store-key prefix shared by every pending record of {@code modelId}. */
    static byte[] keyPrefix(String modelId) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + id.length).putInt(id.length).put(id).array();
    }

    /** The store key of the {@code sequence}-th pending record of this task, for {@code modelId}. */
    static byte[] key(String modelId, long sequence) {
        byte[] prefix = keyPrefix(modelId);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(sequence).array();
    }

    /** The model id of a store key. */
    static String modelIdOf(byte[] storeKey) {
        ByteBuffer b = ByteBuffer.wrap(storeKey);
        int length = b.getInt();
        return new String(storeKey, 4, length, StandardCharsets.UTF_8);
    }

    /** The sequence number of a store key. */
    static long sequenceOf(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey, storeKey.length - 8, 8).getLong();
    }

    byte[] encode() {
        int keyLength = key == null ? 0 : key.length;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + keyLength + value.length)
                .putInt(partition).putLong(offset).putLong(timestamp).putLong(arrivedAtMillis)
                .putInt(key == null ? -1 : key.length);
        if (key != null) b.put(key);
        return b.putInt(value.length).put(value).array();
    }

    static PendingRecord decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int partition = b.getInt();
        long offset = b.getLong();
        long timestamp = b.getLong();
        long arrivedAt = b.getLong();
        int keyLength = b.getInt();
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            b.get(key);
        }
        byte[] value = new byte[b.getInt()];
        b.get(value);
        return new PendingRecord(partition, offset, timestamp, arrivedAt, key, value);
    }
}
