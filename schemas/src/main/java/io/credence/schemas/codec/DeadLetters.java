package io.credence.schemas.codec;

import io.credence.avro.DeadLetter;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records: an input an app could not use, why, and its original bytes. */
public final class DeadLetters {

    private DeadLetters() {}

    /**
     * A dead letter.
     *
     * @param app        stream-trainer or stream-scorer
     * @param topic      topic the record came from
     * @param partition  its partition, -1 if unknown (e.g. HTTP)
     * @param offset     its offset, -1 if unknown
     * @param errorClass e.g. MALFORMED, WRONG_SCHEMA, NON_FINITE, FEATURE_COUNT, UNKNOWN_MODEL, INVALID_SPEC
     * @param reason     a reason a person can act on
     * @param key        original key bytes, or null
     * @param value      original value bytes, or null
     * @param timeMillis when it was dead-lettered, epoch milliseconds
     */
    public static DeadLetter of(String app, String topic, int partition, long offset, String errorClass, String reason,
                                byte[] key, byte[] value, long timeMillis) {
        return DeadLetter.newBuilder()
                .setApp(app)
                .setSourceTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setErrorClass(errorClass)
                .setReason(reason)
                .setKey(key == null ? null : ByteBuffer.wrap(key.clone()))
                .setValue(value == null ? null : ByteBuffer.wrap(value.clone()))
                .setTime(Instant.ofEpochMilli(timeMillis))
                .build();
    }
}
