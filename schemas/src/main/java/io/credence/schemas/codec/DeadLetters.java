package io.credence.schemas.codec;

import io.credence.avro.DeadLetter;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records: an input an app could not use, why, and its original bytes. */
public final class DeadLetters {

    /**
     * The largest input (key plus value bytes) an app uses or quotes in a dead letter: 496 KiB, half of Kafka's default
     * {@code max.request.size} (1 MiB) less 16 KiB, so that every record an app derives from an input fits in one
     * produce request (a repartitioned copy keyed by its model id with its original key in a header, a dead letter
     * quoting it and a reason naming its ids, a prediction echoing its ids). A larger input would make the app's
     * producer fail, and a Kafka Streams app that cannot write stops.
     */
    public static final int MAX_INPUT_BYTES = 512 * 1024 - 16 * 1024;
    /** Error class of an input over {@link #MAX_INPUT_BYTES}. */
    public static final String TOO_LARGE = "TOO_LARGE";

    private DeadLetters() {}

    /** Whether an input with this key and value (either may be null) is over {@link #MAX_INPUT_BYTES}. */
    public static boolean tooLarge(byte[] key, byte[] value) {
        return (long) length(key) + length(value) > MAX_INPUT_BYTES;
    }

    /**
     * The dead letter of an input over {@link #MAX_INPUT_BYTES}: its bytes are not copied (the dead letter could not be
     * written), the reason gives their sizes and where the record stays, in its source topic until retention.
     */
    public static DeadLetter tooLarge(String app, String topic, int partition, long offset, byte[] key, byte[] value,
                                      long timeMillis) {
        String reason = "record of " + length(key) + " key bytes and " + length(value) + " value bytes is over the "
                + MAX_INPUT_BYTES + "-byte input limit; its bytes are not copied here, it stays in " + topic + "-"
                + partition + "@" + offset;
        return of(app, topic, partition, offset, TOO_LARGE, reason, null, null, timeMillis);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

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
