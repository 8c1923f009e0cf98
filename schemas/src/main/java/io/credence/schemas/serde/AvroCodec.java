package io.credence.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Encodes and decodes one generated Avro record type in Avro's single-object encoding ({@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema, the binary body); decodes payloads written with the current schema or
 * any older schema registered at construction, resolving them to the current schema. Immutable and thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecord> {

    private static final String LEFT_OVER = "bytes left over after the record (appended data?)";

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final Map<Long, Schema> writerSchemas;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final RecordBodies.Reader<T> currentSchemaReader;

    private AvroCodec(Class<T> type, Schema[] olderWriterSchemas, RecordBodies.Reader<T> currentSchemaReader) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.fingerprint = SchemaFingerprint.of(schema);
        if (currentSchemaReader != null && currentSchemaReader.fingerprint() != fingerprint) {
            throw new IllegalStateException("the hand-written reader of " + schema.getFullName() + " follows schema "
                    + SchemaFingerprint.hex(currentSchemaReader.fingerprint()) + ", the current one is "
                    + SchemaFingerprint.hex(fingerprint) + ": update it in RecordBodies with the schema");
        }
        this.currentSchemaReader = currentSchemaReader;
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        Map<Long, Schema> writers = new HashMap<>();
        writers.put(fingerprint, schema);
        for (Schema older : olderWriterSchemas) {
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, older);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalArgumentException("older schema " + SchemaFingerprint.hex(SchemaFingerprint.of(older))
                        + " of " + schema.getFullName() + " cannot be read by the current schema: "
                        + compatibility.getResult().getIncompatibilities().stream()
                                .map(i -> i.getMessage() + " at " + i.getLocation())
                                .collect(Collectors.joining("; ")));
            }
            decoder.addSchema(older);
            writers.put(SchemaFingerprint.of(older), older);
        }
        this.writerSchemas = Map.copyOf(writers);
    }

    /**
     * A codec for {@code type} that also decodes payloads written with each of {@code olderWriterSchemas}.
     *
     * @throws IllegalArgumentException when an older schema cannot be resolved to the current one (Avro's
     *                                  reader/writer compatibility rules)
     */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema... olderWriterSchemas) {
        return new AvroCodec<>(type, olderWriterSchemas, null);
    }

    /**
     * As {@link #of}, reading payloads written with the current schema by {@code reader} instead of Avro's reader.
     *
     * @throws IllegalStateException when {@code reader} follows another schema than the current one
     */
    static <T extends SpecificRecord> AvroCodec<T> withReader(Class<T> type, RecordBodies.Reader<T> reader, Schema... olderWriterSchemas) {
        return new AvroCodec<>(type, olderWriterSchemas, reader);
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
        Schema writer = writerSchemas.get(found);
        if (writer == null) {
            String foundType = SchemaFingerprint.typeOf(found)
                    .map(Class::getName)
                    .orElse("not a known Credence schema or version");
            throw new DecodeException(DecodeException.WRONG_SCHEMA, what + " has schema fingerprint "
                    + SchemaFingerprint.hex(found) + " (" + foundType + "), expected " + schema.getFullName()
                    + " with fingerprint " + SchemaFingerprint.hex(fingerprint)
                    + (writerSchemas.size() > 1 ? " or one of its registered older versions" : ""));
        }
        try {
            if (currentSchemaReader != null && found == fingerprint) {
                BinaryBody body = new BinaryBody(payload, SchemaFingerprint.HEADER_LENGTH);
                T record = currentSchemaReader.body().read(body);
                if (!body.isEnd()) throw new IOException(LEFT_OVER);
                return record;
            }
            checkBody(payload, writer);
            return decoder.decode(payload);
        } catch (IOException | RuntimeException e) {
            // Avro reports a corrupt body through EOFException, AvroRuntimeException and, for some garbage,
            // plain runtime exceptions (negative lengths, bad union or enum indexes): all mean the same here.
            throw new DecodeException(DecodeException.MALFORMED, what + " (" + payload.length
                    + " bytes, fingerprint " + SchemaFingerprint.hex(found) + ") has a valid header but its body does not decode: "
                    + (e instanceof EOFException ? "it ends before the record does (truncated?)"
                            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        }
    }

    /** Whether payloads with this writer-schema fingerprint decode with this codec. */
    public boolean knows(long writerFingerprint) {
        return writerSchemas.containsKey(writerFingerprint);
    }

    /**
     * Walks the body with the writer schema without materialising it, so that garbage fails here: Avro's reader
     * allocates every string, bytes and array at the length the payload claims before reading it, and a random
     * length of a gigabyte would exhaust the heap instead of raising an error. Skipping checks every length against
     * the bytes actually present, and catches trailing bytes after the record.
     */
    private static void checkBody(byte[] payload, Schema writer) throws IOException {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(payload, SchemaFingerprint.HEADER_LENGTH,
                payload.length - SchemaFingerprint.HEADER_LENGTH, null);
        GenericDatumReader.skip(writer, body);
        if (!body.isEnd()) {
            throw new IOException(LEFT_OVER);
        }
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
