package io.credence.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Encodes and decodes one generated Avro record type in Avro's single-object encoding ({@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema, the binary body); decodes payloads written with the current schema or
 * any older schema registered at construction, resolving them to the current schema. For other framings (the
 * Confluent wire format of a schema registry) it encodes bare bodies and reads bodies written with any writer schema
 * the current one can resolve ({@link #bodyReader}). Immutable and thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecord> {

    private static final String LEFT_OVER = "bytes left over after the record (appended data?)";
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};

    private final Class<T> type;
    private final Schema schema;
    /** "LabeledRecord payload": how error messages name what did not decode. */
    private final String payloadName;
    private final long fingerprint;
    private final Map<Long, BodyReader<T>> readers;
    private final List<Schema> history;
    private final SpecificDatumWriter<T> writer;
    private final RecordBodies.Reader<T> currentSchemaReader;

    private AvroCodec(Class<T> type, Schema[] olderWriterSchemas, RecordBodies.Reader<T> currentSchemaReader) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.payloadName = schema.getName() + " payload";
        this.fingerprint = SchemaFingerprint.of(schema);
        if (currentSchemaReader != null && currentSchemaReader.fingerprint() != fingerprint) {
            throw new IllegalStateException("the hand-written reader of " + schema.getFullName() + " follows schema "
                    + SchemaFingerprint.hex(currentSchemaReader.fingerprint()) + ", the current one is "
                    + SchemaFingerprint.hex(fingerprint) + ": update it in RecordBodies with the schema");
        }
        this.currentSchemaReader = currentSchemaReader;
        this.writer = new SpecificDatumWriter<>(schema, model);
        Map<Long, BodyReader<T>> known = new HashMap<>();
        List<Schema> versions = new ArrayList<>();
        for (Schema older : olderWriterSchemas) {
            String incompatibility = incompatibility(older);
            if (incompatibility != null) {
                throw new IllegalArgumentException("older schema " + SchemaFingerprint.hex(SchemaFingerprint.of(older))
                        + " of " + schema.getFullName() + " cannot be read by the current schema: " + incompatibility);
            }
            known.put(SchemaFingerprint.of(older), newBodyReader(older));
            versions.add(older);
        }
        known.put(fingerprint, newBodyReader(schema));
        versions.add(schema);
        this.readers = Map.copyOf(known);
        this.history = List.copyOf(versions);
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
        out.write(MARKER, 0, MARKER.length);
        for (int i = 0; i < Long.BYTES; i++) out.write((int) (fingerprint >>> (8 * i)));
        writeBody(record, out);
        return out.toByteArray();
    }

    /** {@code prefix} followed by the Avro binary body of {@code record} under the current schema. */
    public byte[] encodeBody(byte[] prefix, T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(prefix, 0, prefix.length);
        writeBody(record, out);
        return out.toByteArray();
    }

    private void writeBody(T record, ByteArrayOutputStream out) {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
        }
    }

    /**
     * The record in {@code payload}, resolved to the current schema (fields added since the writer's schema take
     * their defaults).
     *
     * @throws DecodeException {@link DecodeException#WRONG_SCHEMA} for a fingerprint this codec does not know,
     *                         {@link DecodeException#MALFORMED} for anything else that does not decode
     */
    public T decode(byte[] payload) throws DecodeException {
        long found = SchemaFingerprint.read(payload, payloadName);
        BodyReader<T> reader = readers.get(found);
        if (reader == null) {
            String foundType = SchemaFingerprint.typeOf(found)
                    .map(Class::getName)
                    .orElse("not a known Credence schema or version");
            throw new DecodeException(DecodeException.WRONG_SCHEMA, payloadName + " has schema fingerprint "
                    + SchemaFingerprint.hex(found) + " (" + foundType + "), expected " + schema.getFullName()
                    + " with fingerprint " + SchemaFingerprint.hex(fingerprint)
                    + (readers.size() > 1 ? " or one of its registered older versions" : ""));
        }
        return reader.read(payload, SchemaFingerprint.HEADER_LENGTH);
    }

    /**
     * A reader of bodies written with {@code writerSchema}, resolved to the current schema: the one kept for a current
     * or registered older schema, else a new one (callers cache it).
     *
     * @throws DecodeException {@link DecodeException#WRONG_SCHEMA} when the current schema cannot read what
     *                         {@code writerSchema} writes (Avro's reader/writer resolution rules)
     */
    public BodyReader<T> bodyReader(Schema writerSchema) throws DecodeException {
        BodyReader<T> known = readers.get(SchemaFingerprint.of(writerSchema));
        if (known != null) return known;
        String incompatibility = incompatibility(writerSchema);
        if (incompatibility != null) {
            throw new DecodeException(DecodeException.WRONG_SCHEMA, "the writer schema " + writerSchema.getFullName()
                    + " cannot be read as " + schema.getFullName() + ": " + incompatibility);
        }
        return newBodyReader(writerSchema);
    }

    /** Why the current schema cannot read data written with {@code writerSchema}, or null when it can. */
    private String incompatibility(Schema writerSchema) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema);
        if (compatibility.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) return null;
        return compatibility.getResult().getIncompatibilities().stream()
                .map(i -> i.getMessage() + " at " + i.getLocation())
                .collect(Collectors.joining("; "));
    }

    private BodyReader<T> newBodyReader(Schema writerSchema) {
        long writerFingerprint = SchemaFingerprint.of(writerSchema);
        String writer = "fingerprint " + SchemaFingerprint.hex(writerFingerprint);
        if (writerFingerprint == fingerprint && currentSchemaReader != null) {
            return new BodyReader<>(payloadName, writer, writerSchema, null, currentSchemaReader.body());
        }
        SpecificDatumReader<T> resolving = new SpecificDatumReader<>(writerSchema, schema, SpecificData.getForClass(type));
        return new BodyReader<>(payloadName, writer, writerSchema, resolving, null);
    }

    /**
     * Reads Avro binary bodies written with one writer schema as the current record: with the hand-written reader
     * when the writer is the current schema and one exists, else with Avro's resolving reader after a walk of the body
     * that checks every length against the bytes present. Thread-safe.
     *
     * @param <T> the generated record class
     */
    public static final class BodyReader<T> {
        /** How error messages name the payload and its writer schema, built once: "LabeledRecord payload", "fingerprint 0x...". */
        private final String payloadName;
        private final String writer;
        private final Schema writerSchema;
        private final SpecificDatumReader<T> resolving;
        private final RecordBodies.Body<T> handWritten;

        private BodyReader(String payloadName, String writer, Schema writerSchema, SpecificDatumReader<T> resolving,
                           RecordBodies.Body<T> handWritten) {
            this.payloadName = payloadName;
            this.writer = writer;
            this.writerSchema = writerSchema;
            this.resolving = resolving;
            this.handWritten = handWritten;
        }

        /**
         * The record whose body starts at {@code offset} of {@code payload} and ends with it.
         *
         * @throws DecodeException {@link DecodeException#MALFORMED} when the body does not decode or bytes are left
         */
        public T read(byte[] payload, int offset) throws DecodeException {
            try {
                if (handWritten != null) {
                    BinaryBody body = new BinaryBody(payload, offset);
                    T record = handWritten.read(body);
                    if (!body.isEnd()) throw new IOException(LEFT_OVER);
                    return record;
                }
                checkBody(payload, offset, writerSchema);
                return resolving.read(null, DecoderFactory.get().binaryDecoder(payload, offset, payload.length - offset, null));
            } catch (IOException | RuntimeException e) {
                // Avro reports a corrupt body through EOFException, AvroRuntimeException and, for some garbage,
                // plain runtime exceptions (negative lengths, bad union or enum indexes): all mean the same here.
                throw new DecodeException(DecodeException.MALFORMED, payloadName + " (" + payload.length
                        + " bytes, " + writer + ") has a valid header but its body does not decode: "
                        + (e instanceof EOFException ? "it ends before the record does (truncated?)"
                                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
            }
        }
    }

    /**
     * Walks the body with the writer schema without materialising it, so that garbage fails here: Avro's reader
     * allocates every string, bytes and array at the length the payload claims before reading it, and a random
     * length of a gigabyte would exhaust the heap instead of raising an error. Skipping checks every length against
     * the bytes actually present, and catches trailing bytes after the record.
     */
    private static void checkBody(byte[] payload, int offset, Schema writer) throws IOException {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(payload, offset, payload.length - offset, null);
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

    /** Every schema version this codec reads, oldest first, the current one last. */
    public List<Schema> history() {
        return history;
    }

    /** The CRC-64-AVRO fingerprint of the current schema. */
    public long fingerprint() {
        return fingerprint;
    }
}
