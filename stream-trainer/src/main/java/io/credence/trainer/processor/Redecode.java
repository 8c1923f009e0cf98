package io.credence.trainer.processor;

import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.DecodeException;
import org.apache.avro.specific.SpecificRecord;

/** Decodes bytes that already decoded once (on input or before being stored): failing now is a bug, not bad input. */
final class Redecode {

    private Redecode() {}

    /** The record in {@code bytes}; {@code what} names it in the IllegalStateException thrown otherwise. */
    static <T extends SpecificRecord> T of(AvroCodec<T> codec, byte[] bytes, String what) {
        if (bytes == null) throw new IllegalStateException(what + " is missing");
        try {
            return codec.decode(bytes);
        } catch (DecodeException e) {
            throw new IllegalStateException(what + " no longer decodes, though it did when first read: " + e.getMessage(), e);
        }
    }
}
