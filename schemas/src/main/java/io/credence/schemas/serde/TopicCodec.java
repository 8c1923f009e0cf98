package io.credence.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * One topic's records in one wire format: what an app or command holds for each topic it reads or writes.
 *
 * @param topic  the topic (its name also names its registry subject)
 * @param codec  the record type's codec
 * @param format the framing on that topic
 * @param <T>    the generated record class
 */
public record TopicCodec<T extends SpecificRecord>(String topic, AvroCodec<T> codec, WireFormat format) {

    /** {@code record} framed for the topic. */
    public byte[] encode(T record) {
        return format.encode(topic, codec, record);
    }

    /** The record in {@code payload}, read from the topic (see {@link WireFormat#decode}). */
    public T decode(byte[] payload) throws DecodeException {
        return format.decode(topic, codec, payload);
    }

    /** Gets ready to write: with a registry, registers (or looks up) the schema now, so a refusal fails at start-up. */
    public TopicCodec<T> prepared() {
        format.prepare(topic, codec);
        return this;
    }

    /** A Kafka serde of the topic's records. */
    public AvroSerde<T> serde() {
        return new AvroSerde<>(codec, format);
    }
}
