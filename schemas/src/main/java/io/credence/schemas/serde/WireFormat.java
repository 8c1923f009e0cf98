package io.credence.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/**
 * How a Credence record is framed on a topic: {@link #singleObject()} (Avro single-object encoding, the default) or
 * the Confluent wire format of a schema registry ({@code io.credence.schemas.registry.ConfluentWireFormat}). State
 * stores and internal topics are always single-object; this is the framing of the topics users read and write.
 * Implementations are thread-safe.
 */
public interface WireFormat {

    /** {@code record} framed for {@code topic}. */
    <T extends SpecificRecord> byte[] encode(String topic, AvroCodec<T> codec, T record);

    /**
     * The record {@code payload} holds, read from {@code topic} as {@code codec}'s type.
     *
     * @throws DecodeException {@link DecodeException#WRONG_SCHEMA} when it was written with a schema that is not (a
     *                         readable version of) the expected one, {@link DecodeException#MALFORMED} otherwise
     */
    <T extends SpecificRecord> T decode(String topic, AvroCodec<T> codec, byte[] payload) throws DecodeException;

    /**
     * The Credence record type whose schema wrote {@code payload}, or empty when it is none of them; reads the frame
     * only, not the body.
     *
     * @throws DecodeException {@link DecodeException#MALFORMED} when the frame is invalid
     */
    Optional<Class<? extends SpecificRecord>> typeOf(byte[] payload) throws DecodeException;

    /**
     * Gets ready to write {@code codec}'s records to {@code topic}, so that a problem shows at start-up rather than at
     * the first record: with a registry, registers (or looks up) the schema. Nothing to do by default.
     */
    default void prepare(String topic, AvroCodec<?> codec) {}

    /** {@code codec}'s records on {@code topic} in this format. */
    default <T extends SpecificRecord> TopicCodec<T> on(String topic, AvroCodec<T> codec) {
        return new TopicCodec<>(topic, codec, this);
    }

    /** One line for start-up logs and errors, e.g. "single-object" or "registry http://registry:8081"; no secrets. */
    String describe();

    /** Avro single-object encoding: {@code C3 01}, the 8-byte schema fingerprint, the body; no registry involved. */
    static WireFormat singleObject() {
        return SingleObjectFormat.INSTANCE;
    }
}
