package io.credence.schemas.serde;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Earlier versions of top-level schemas, kept as the full JSON their generated classes carried (resources
 * {@code older/<Type>-<fingerprint>.avsc} beside this class), so that records written before a schema change still
 * decode. A file's name carries its CRC-64-AVRO fingerprint, which {@link #load} checks.
 */
final class OlderSchemas {
    private OlderSchemas() {}

    /** The schema in {@code older/<type>-<fingerprint>.avsc}. */
    static Schema load(String type, String fingerprintHex) {
        String resource = "older/" + type + "-" + fingerprintHex + ".avsc";
        try (InputStream in = OlderSchemas.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            Schema schema = new Schema.Parser().parse(in);
            long fingerprint = SchemaFingerprint.of(schema);
            if (fingerprint != Long.parseUnsignedLong(fingerprintHex, 16)) {
                throw new IllegalStateException(resource + " has fingerprint " + SchemaFingerprint.hex(fingerprint));
            }
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
