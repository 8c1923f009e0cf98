package io.credence.cli.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Avro records as plain JSON for people and scripts: unions unwrapped (no {@code {"double": 1}} tags), timestamps as
 * ISO-8601 text, bytes as base64, and NaN or infinite doubles as the strings "NaN", "Infinity", "-Infinity" (JSON has
 * no such numbers).
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    /** The record as a JSON object, fields in schema order. */
    public static ObjectNode of(IndexedRecord record) {
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.set(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    private static JsonNode value(Object v) {
        if (v == null) return NODES.nullNode();
        if (v instanceof IndexedRecord r) return of(r);
        if (v instanceof CharSequence s) return NODES.textNode(s.toString());
        if (v instanceof Double d) return number(d);
        if (v instanceof Float f) return number(f.doubleValue());
        if (v instanceof Integer i) return NODES.numberNode(i);
        if (v instanceof Long l) return NODES.numberNode(l);
        if (v instanceof Boolean b) return NODES.booleanNode(b);
        if (v instanceof Instant t) return NODES.textNode(t.toString());
        if (v instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode(c.size());
            c.forEach(item -> a.add(value(item)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, item) -> o.set(k.toString(), value(item)));
            return o;
        }
        return NODES.textNode(v.toString()); // enums and generic enum symbols
    }

    private static JsonNode number(double d) {
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
    }
}
