package io.credence.cli.avro;

import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.SchemaFingerprint;
import org.apache.avro.specific.SpecificRecord;

/** Decodes a payload of any Credence record type, picking the codec by the schema fingerprint in its header. */
public final class AnyRecordDecoder {

    private AnyRecordDecoder() {}

    /**
     * The record in {@code payload}.
     *
     * @throws DecodeException when the header is not single-object encoding, the fingerprint belongs to no Credence
     *                         schema, or the body does not decode
     */
    public static SpecificRecord decode(byte[] payload) throws DecodeException {
        long fingerprint = SchemaFingerprint.read(payload);
        for (AvroCodec<?> codec : AvroCodecs.all()) {
            if (codec.knows(fingerprint)) return codec.decode(payload);
        }
        // Let the first codec produce its WRONG_SCHEMA message, which names the fingerprint.
        return AvroCodecs.all().get(0).decode(payload);
    }
}
