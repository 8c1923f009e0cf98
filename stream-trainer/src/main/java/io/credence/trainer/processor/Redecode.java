package io.credence.trainer.processor;

import io.credence.schemas.serde.DecodeException;

/** Decodes bytes that already decoded once (on input or before being stored): failing now is a bug, not bad input. */
final class Redecode {

    private Redecode() {}

    /** How bytes become a record: a codec's or a topic codec's {@code decode}. */
    @FunctionalInterface
    interface Decoding<T> {
        T decode(byte[] bytes) throws DecodeException;
    }

    /** The record in {@code bytes}; {@code what} names it in the IllegalStateException thrown otherwise. */
    static <T> T of(Decoding<T> decoding, byte[] bytes, String what) {
        if (bytes == null) throw new IllegalStateException(what + " is missing");
        try {
            return decoding.decode(bytes);
        } catch (DecodeException e) {
            throw new IllegalStateException(what + " no longer decodes, though it did when first read: " + e.getMessage(), e);
        }
    }
}
