package io.credence.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every version of each top-level schema that a release of Credence wrote, oldest first, the current ones included:
 * the resource {@value #RESOURCE} beside this class, one JSON object a line,
 * {@code {"type": "ModelSpec", "fingerprint": "<CRC-64-AVRO, hex>", "change": "adds fromWeights", "schema": {...}}}.
 * The codecs ({@link AvroCodecs}) read records written with any of them, so that records already in topics and state
 * stores keep decoding after a schema change.
 *
 * <p>Changing a top-level schema (only in Avro-compatible ways: add a field with a default, remove one that had a
 * default) means appending its new version here; {@code SchemaHistoryTest} fails until that is done and prints the
 * line to append.
 */
public final class SchemaHistory {

    /** The resource holding the history. */
    public static final String RESOURCE = "schema-history.jsonl";

    /**
     * One version of a top-level schema.
     *
     * @param type   the record's simple name, e.g. ModelSpec
     * @param change what this version changed from the one before
     * @param schema the full schema
     */
    public record Version(String type, String change, Schema schema) {

        /** The line of {@value #RESOURCE} describing this version. */
        public String line() {
            try {
                var node = MAPPER.createObjectNode().put("type", type).put("fingerprint", fingerprintHex(schema))
                        .put("change", change);
                node.set("schema", MAPPER.readTree(schema.toString()));
                return MAPPER.writeValueAsString(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Version> VERSIONS = read();

    private SchemaHistory() {}

    /** Every version, in the order of the resource. */
    public static List<Version> versions() {
        return VERSIONS;
    }

    /** The versions of {@code current}'s record other than {@code current}, oldest first. */
    static Schema[] olderThan(Schema current) {
        long fingerprint = SchemaFingerprint.of(current);
        return VERSIONS.stream().filter(v -> v.schema().getFullName().equals(current.getFullName()))
                .map(Version::schema).filter(s -> SchemaFingerprint.of(s) != fingerprint).toArray(Schema[]::new);
    }

    /** The version of {@code type} with this fingerprint (hex). */
    static Schema load(String type, String fingerprintHex) {
        long fingerprint = Long.parseUnsignedLong(fingerprintHex, 16);
        return VERSIONS.stream().filter(v -> v.type().equals(type) && SchemaFingerprint.of(v.schema()) == fingerprint)
                .map(Version::schema).findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no " + type + " " + fingerprintHex));
    }

    /** The schema's CRC-64-AVRO fingerprint, 16 hex digits. */
    private static String fingerprintHex(Schema schema) {
        return String.format("%016x", SchemaFingerprint.of(schema));
    }

    private static List<Version> read() {
        try (InputStream in = SchemaHistory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Version> versions = new ArrayList<>();
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) versions.add(version(line, number));
            }
            return List.copyOf(versions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Version version(String line, int number) throws IOException {
        JsonNode node = MAPPER.readTree(line);
        Schema schema = new Schema.Parser().parse(node.get("schema").toString());
        String fingerprint = fingerprintHex(schema);
        if (!fingerprint.equals(node.get("fingerprint").asText())) {
            throw new IllegalStateException(RESOURCE + " line " + number + ": the schema's fingerprint is " + fingerprint
                    + ", not " + node.get("fingerprint").asText());
        }
        return new Version(node.get("type").asText(), node.get("change").asText(), schema);
    }
}
