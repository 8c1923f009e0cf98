package io.credence.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads the schema fingerprint of an Avro single-object-encoded payload without decoding its body, and names the
 * Credence top-level type it belongs to; lets one topic carry several record types, dispatched by fingerprint.
 *
 * <p>Single-object encoding: {@code C3 01}, then the 8-byte little-endian CRC-64-AVRO fingerprint of the writer's
 * parsing canonical form, then the Avro binary body.
 */
public final class SchemaFingerprint {

    /** Bytes before the body: 2 marker bytes and the 8-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private SchemaFingerprint() {}

    /** The CRC-64-AVRO fingerprint of {@code schema}'s parsing canonical form, as written in single-object headers. */
    public static long of(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /**
     * The writer-schema fingerprint in {@code payload}'s header.
     *
     * @throws DecodeException {@link DecodeException#MALFORMED} when the payload is null, shorter than the header, or
     *                         does not start with the single-object marker
     */
    public static long read(byte[] payload) throws DecodeException {
        return read(payload, "payload");
    }

    /** {@link #read(byte[])} with messages that start with {@code what}, e.g. "LabeledRecord payload". */
    static long read(byte[] payload, String what) throws DecodeException {
        if (payload == null) {
            throw malformed(what + " is null; expected Avro single-object encoding (C3 01 + 8-byte schema fingerprint + body)");
        }
        if (payload.length < HEADER_LENGTH) {
            throw malformed(what + " has " + payload.length + " bytes, fewer than the " + HEADER_LENGTH
                    + "-byte Avro single-object header (C3 01 + 8-byte schema fingerprint)");
        }
        if (payload[0] != MARKER_0 || payload[1] != MARKER_1) {
            throw malformed(what + " starts with " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(payload, 0, 2)
                    + ", not the Avro single-object marker C3 01 (is it JSON, or Confluent-framed Avro?)");
        }
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (payload[i] & 0xFF);
        }
        return fingerprint;
    }

    /**
     * The Credence top-level record type whose current or registered older schema wrote {@code payload}, or empty
     * when the fingerprint belongs to no known schema.
     *
     * @throws DecodeException {@link DecodeException#MALFORMED} when the header is invalid (see {@link #read})
     */
    public static Optional<Class<? extends SpecificRecord>> typeOf(byte[] payload) throws DecodeException {
        return typeOf(read(payload));
    }

    /** The Credence top-level record type with a schema of this fingerprint, or empty. */
    public static Optional<Class<? extends SpecificRecord>> typeOf(long fingerprint) {
        return AvroCodecs.typeOf(fingerprint);
    }

    /** {@code fingerprint} as 16 hex digits with a 0x prefix, the form used in error messages. */
    public static String hex(long fingerprint) {
        return "0x" + HexFormat.of().toHexDigits(fingerprint);
    }

    private static DecodeException malformed(String message) {
        return new DecodeException(DecodeException.MALFORMED, message);
    }
}
