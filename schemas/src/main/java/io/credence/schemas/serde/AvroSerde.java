package io.credence.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} over an {@link AvroCodec} in a {@link WireFormat} (single-object unless given another): null
 * for tombstones both ways.
 *
 * <p>The deserializer reports an undecodable payload as a {@link SerializationException} whose cause is the
 * {@link DecodeException} (with its error class). Apps that must dead-letter bad input should read raw bytes and call
 * {@link AvroCodec#decode} themselves, or handle that exception in a Kafka Streams deserialization exception handler.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroCodec<T> codec;
    private final WireFormat format;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    /** A serde over {@code codec}, single-object encoded. */
    public AvroSerde(AvroCodec<T> codec) {
        this(codec, WireFormat.singleObject());
    }

    /** A serde over {@code codec} in {@code format}. */
    public AvroSerde(AvroCodec<T> codec, WireFormat format) {
        this.codec = codec;
        this.format = format;
        this.serializer = (topic, record) -> record == null ? null : encode(topic, record);
        this.deserializer = (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    private byte[] encode(String topic, T record) {
        try {
            return format.encode(topic, codec, record);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot encode " + codec.schema().getFullName() + ": " + e.getMessage(), e);
        }
    }

    private T decode(String topic, byte[] bytes) {
        try {
            return format.decode(topic, codec, bytes);
        } catch (DecodeException e) {
            throw new SerializationException(e.errorClass() + " on topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
