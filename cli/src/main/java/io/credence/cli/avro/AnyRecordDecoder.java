package io.credence.cli.avro;

import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.WireFormat;
import org.apache.avro.specific.SpecificRecord;

/** Decodes a payload of any Credence record type, picking the codec by the writer schema its frame names. */
public final class AnyRecordDecoder {

    private AnyRecordDecoder() {}

    /**
     * The record in {@code payload}, read from {@code topic} in {@code format}.
     *
     * @throws DecodeException when the frame is not {@code format}'s, its schema belongs to no Credence record type, or
     *                         the body does not decode
     */
    public static SpecificRecord decode(WireFormat format, String topic, byte[] payload) throws DecodeException {
        Class<? extends SpecificRecord> type = format.typeOf(payload).orElse(null);
        for (AvroCodec<?> codec : AvroCodecs.all()) {
            if (codec.type() == type) return format.decode(topic, codec, payload);
        }
        // Let the first codec produce its WRONG_SCHEMA message, which names the schema.
        return format.decode(topic, AvroCodecs.all().get(0), payload);
    }
}
