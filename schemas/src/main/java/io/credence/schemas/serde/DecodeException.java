package io.credence.schemas.serde;

/**
 * A payload that could not be decoded into the expected Avro record, with an error class for dead letters.
 *
 * <p>Checked on purpose: every place that turns bytes from a topic or an HTTP body into a record must decide where the
 * bad input goes (the app's DLQ), so the compiler should not let that decision be forgotten. {@link AvroSerde}'s
 * deserializer, which cannot throw checked exceptions, wraps it in a Kafka
 * {@link org.apache.kafka.common.errors.SerializationException} whose cause is this exception.
 */
public final class DecodeException extends Exception {

    /** Null, empty, truncated or garbage bytes, or bytes without the Avro single-object marker. */
    public static final String MALFORMED = "MALFORMED";
    /** A valid single-object header whose schema fingerprint the decoder does not know. */
    public static final String WRONG_SCHEMA = "WRONG_SCHEMA";

    private final String errorClass;

    /** A refusal of class {@code errorClass} ({@link #MALFORMED} or {@link #WRONG_SCHEMA}), for other framings' decoders. */
    public DecodeException(String errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    /** As {@link #DecodeException(String, String)}, caused by {@code cause}. */
    public DecodeException(String errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /** {@link #MALFORMED} or {@link #WRONG_SCHEMA}: the error class written to dead letters. */
    public String errorClass() {
        return errorClass;
    }
}
