package io.credence.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Encodes and decodes one generated Avro record type in Avro's single-object encoding ({@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema, the binary body); decodes payloads written with the current schema or
 * any older schema registered at construction, resolving them to the current schema. Immutable and thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final Set<Long> knownFingerprints;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type, Schema[] olderWriterSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.fingerprint = SchemaFingerprint.of(schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        Set<Long> known = new LinkedHashSet<>();
        known.add(fingerprint);
        for (Schema older : olderWriterSchemas) {
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, older);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalArgumentException("older schema " + SchemaFingerprint.hex(SchemaFingerprint.of(older))
                        + " of " + schema.getFullName() + " cannot be read by the current schema: "
                        + compatibility.getResult().getIncompatibilities());
            }
            decoder.addSchema(older);
            known.add(SchemaFingerprint.of(older));
        }
        this.knownFingerprints = Set.copyOf(known);
    }

    /**
     * A codec for {@code type} that also decodes payloads written with each of {@code olderWriterSchemas}.
     *
     * @throws IllegalArgumentException when an older schema cannot be resolved to the current one (Avro's
     *                                  reader/writer compatibility rules)
     */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema... olderWriterSchemas) {
        return new AvroCodec<>(type, olderWriterSchemas);
    }

    /** The single-object encoding of {@code record} under the current schema. */
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
        }
        return out.toByteArray();
    }

    /**
     * The record in {@code payload}, resolved to the current schema (fields added since the writer's schema take
     * their defaults).
     *
     * @throws DecodeException {@link DecodeException#WRONG_SCHEMA} for a fingerprint this codec does not know,
     *                         {@link DecodeException#MALFORMED} for anything else that does not decode
     */
    public T decode(byte[] payload) throws DecodeException {
        String what = schema.getName() + " payload";
        long found = SchemaFingerprint.read(payload, what);
        if (!knownFingerprints.contains(found)) {
            String foundType = SchemaFingerprint.typeOf(found)
                    .map(Class::getName)
                    .orElse("not a known Credence schema or version");
            throw new DecodeException(DecodeException.WRONG_SCHEMA, what + " has schema fingerprint "
                    + SchemaFingerprint.hex(found) + " (" + foundType + "), expected " + schema.getFullName()
                    + " with fingerprint " + SchemaFingerprint.hex(fingerprint)
                    + (knownFingerprints.size() > 1 ? " or one of its registered older versions" : ""));
        }
        try {
            return decoder.decode(payload);
        } catch (IOException | RuntimeException e) {
            // Avro reports a corrupt body through EOFException, AvroRuntimeException and, for some garbage,
            // plain runtime exceptions (negative lengths, bad union or enum indexes): all mean the same here.
            throw new DecodeException(DecodeException.MALFORMED, what + " (" + payload.length
                    + " bytes, fingerprint " + SchemaFingerprint.hex(found) + ") has a valid header but its body does not decode: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /** Whether payloads with this writer-schema fingerprint decode with this codec. */
    public boolean knows(long writerFingerprint) {
        return knownFingerprints.contains(writerFingerprint);
    }

    /** The generated record class. */
    public Class<T> type() {
        return type;
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /** The CRC-64-AVRO fingerprint of the current schema. */
    public long fingerprint() {
        return fingerprint;
    }
}
