package io.credence.schemas.registry;

import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Confluent wire format: a zero byte, the writer schema's 4-byte big-endian registry id, then the Avro binary
 * body. Subjects follow the topic-name strategy ({@code <topic>-value}). Writing, the schema of each record type is
 * registered under the topic's subject (or, with {@code auto.register.schemas=false}, only looked up) once, then its
 * id is cached. Reading, each id is fetched once and resolved to the expected record type; a payload whose id the
 * registry does not know, or whose schema the expected type cannot read, is {@link DecodeException#WRONG_SCHEMA}.
 * A registry that does not answer is not bad input: it throws {@link RegistryException}, so the app stops before
 * anything is lost. Thread-safe.
 */
public final class ConfluentWireFormat implements WireFormat {

    /** Bytes before the body: the magic byte and the 4-byte schema id. */
    public static final int HEADER_LENGTH = 5;
    private static final byte MAGIC = 0;

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    /** Frame prefix by topic and codec (codecs compare by identity: one per record type). */
    private final Map<String, Map<AvroCodec<?>, byte[]>> prefixes = new ConcurrentHashMap<>();
    /** Writer schema by id; an id the registry does not know is not cached. */
    private final Map<Integer, Schema> writers = new ConcurrentHashMap<>();
    /** By codec, the reader of each id's bodies as its record type, or the DecodeException saying why there is none. */
    private final Map<AvroCodec<?>, Map<Integer, Object>> readers = new ConcurrentHashMap<>();

    /** The format of the registry {@code settings} name. */
    public ConfluentWireFormat(RegistrySettings settings) {
        this.registry = new SchemaRegistryClient(settings);
        this.autoRegister = settings.autoRegister();
    }

    /** The subject of {@code topic}'s values under the topic-name strategy. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    /** The registry this format talks to. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    @Override
    public <T extends SpecificRecord> byte[] encode(String topic, AvroCodec<T> codec, T record) {
        return codec.encodeBody(prefix(topic, codec), record);
    }

    /**
     * Makes sure {@code codec}'s current schema has an id under {@code topic}'s subject (registering it, or only looking
     * it up without auto-registration), so that a missing or refused schema fails at start-up rather than at the first
     * record.
     *
     * @throws RegistryException when it is refused, missing or the registry does not answer
     */
    @Override
    public void prepare(String topic, AvroCodec<?> codec) {
        prefix(topic, codec);
    }

    /**
     * Registers every schema version {@code codec} reads, oldest first, under {@code topic}'s subject, so that the
     * subject's compatibility rule (BACKWARD by default) checks each step of their evolution.
     *
     * @return the id of the current schema
     * @throws RegistryException when the registry refuses a version (an incompatible step) or does not answer
     */
    public int registerHistory(String topic, AvroCodec<?> codec) {
        int id = 0;
        for (Schema version : codec.history()) id = registry.register(subject(topic), version);
        return id;
    }

    private byte[] prefix(String topic, AvroCodec<?> codec) {
        Map<AvroCodec<?>, byte[]> ofTopic = prefixes.get(topic);
        byte[] known = ofTopic == null ? null : ofTopic.get(codec);
        if (known != null) return known; // every record after the first: no lambda, no lookup beyond the two gets
        return prefixes.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(codec, k -> {
            String subject = subject(topic);
            int id;
            if (autoRegister) {
                id = registry.register(subject, codec.schema());
            } else {
                id = registry.lookup(subject, codec.schema()).orElseThrow(() -> new RegistryException("the schema of "
                        + codec.schema().getFullName() + " is not registered under subject " + subject + " at "
                        + registry.endpoint() + " and auto.register.schemas is false: register it (credence topics"
                        + " --serde-format registry does) or allow auto-registration", 404, RegistryException.SCHEMA_NOT_FOUND));
            }
            return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(id).array();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> T decode(String topic, AvroCodec<T> codec, byte[] payload) throws DecodeException {
        int id = readId(payload, codec.schema().getName());
        Map<Integer, Object> ofCodec = readers.get(codec);
        Object reader = ofCodec == null ? null : ofCodec.get(id);
        if (reader == null) reader = resolve(codec, id); // the first record of this id, or an id the registry lacks
        if (reader == null) {
            throw new DecodeException(DecodeException.WRONG_SCHEMA, codec.schema().getName() + " payload names schema id "
                    + id + ", which the schema registry at " + registry.endpoint() + " does not have");
        }
        if (reader instanceof DecodeException refused) {
            throw new DecodeException(DecodeException.WRONG_SCHEMA, codec.schema().getName() + " payload was written with"
                    + " schema id " + id + ": " + refused.getMessage());
        }
        try {
            return ((AvroCodec.BodyReader<T>) reader).read(payload, HEADER_LENGTH);
        } catch (DecodeException e) {
            throw new DecodeException(e.errorClass(), "schema id " + id + ": " + e.getMessage(), e);
        }
    }

    /** The reader of {@code id}'s bodies as {@code codec}'s type, or why there is none, cached; null when the id is unknown. */
    private Object resolve(AvroCodec<?> codec, int id) {
        return readers.computeIfAbsent(codec, c -> new ConcurrentHashMap<>()).computeIfAbsent(id, k -> {
            Optional<Schema> writer = writer(id);
            if (writer.isEmpty()) return null; // not cached: a later registration may add it
            try {
                return codec.bodyReader(writer.get());
            } catch (DecodeException e) {
                return e;
            }
        });
    }

    @Override
    public Optional<Class<? extends SpecificRecord>> typeOf(byte[] payload) throws DecodeException {
        int id = readId(payload, null);
        Optional<Schema> writer = writer(id);
        if (writer.isEmpty()) return Optional.empty();
        return AvroCodecs.typeNamed(writer.get().getFullName());
    }

    @Override
    public String describe() {
        return "registry " + registry.endpoint();
    }

    private Optional<Schema> writer(int id) {
        Schema known = writers.get(id);
        if (known != null) return Optional.of(known);
        Optional<Schema> fetched = registry.schema(id);
        fetched.ifPresent(s -> writers.put(id, s));
        return fetched;
    }

    /** The schema id in {@code payload}'s frame; {@code recordName} (or null) names it in error messages. */
    private static int readId(byte[] payload, String recordName) throws DecodeException {
        if (payload != null && payload.length >= HEADER_LENGTH && payload[0] == MAGIC) {
            return ByteBuffer.wrap(payload, 1, 4).getInt();
        }
        String what = recordName == null ? "payload" : recordName + " payload";
        if (payload == null) {
            throw malformed(what + " is null; expected the Confluent wire format (0, 4-byte schema id, Avro body)");
        }
        if (payload.length < HEADER_LENGTH) {
            throw malformed(what + " has " + payload.length + " bytes, fewer than the " + HEADER_LENGTH
                    + "-byte Confluent wire-format header (0, 4-byte schema id)");
        }
        String why = payload[0] == (byte) 0xC3 && payload[1] == 1
                ? "it is Avro single-object encoding (C3 01): its producer does not use the schema registry"
                : payload[0] == 1 ? "magic byte 1 frames a schema GUID, which Credence does not resolve: use schema ids"
                : "the Confluent wire format starts with magic byte 0 (is it JSON, or not from a registry serializer?)";
        throw malformed(what + " starts with byte " + String.format("%02X", payload[0] & 0xFF) + ": " + why);
    }

    private static DecodeException malformed(String message) {
        return new DecodeException(DecodeException.MALFORMED, message);
    }
}
