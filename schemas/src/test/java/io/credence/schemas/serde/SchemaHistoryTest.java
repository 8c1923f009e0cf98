package io.credence.schemas.serde;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The history holds every schema a release wrote, so a schema change without its entry fails here. */
class SchemaHistoryTest {

    @Test
    void everyCurrentSchemaIsTheNewestVersionOfItsType() {
        List<String> missing = new ArrayList<>();
        for (AvroCodec<?> codec : AvroCodecs.all()) {
            Schema current = codec.schema();
            List<SchemaHistory.Version> versions = SchemaHistory.versions().stream()
                    .filter(v -> v.schema().getFullName().equals(current.getFullName())).toList();
            if (versions.isEmpty() || SchemaFingerprint.of(versions.get(versions.size() - 1).schema()) != SchemaFingerprint.of(current)) {
                missing.add(new SchemaHistory.Version(current.getName(), "WHAT CHANGED", current).line());
            }
        }
        assertThat(missing).as("schemas changed: append these lines to schemas/src/main/resources/io/credence/schemas/serde/%s,"
                + " saying in \"change\" what changed%n%s", SchemaHistory.RESOURCE, String.join("\n", missing)).isEmpty();
    }

    @Test
    void eachVersionIsListedOnceUnderItsOwnTypeAndDecodesWithItsCodec() {
        Set<Long> seen = new HashSet<>();
        for (SchemaHistory.Version v : SchemaHistory.versions()) {
            assertThat(seen.add(SchemaFingerprint.of(v.schema()))).as("%s %s listed twice", v.type(), v.change()).isTrue();
            assertThat(v.schema().getName()).isEqualTo(v.type());
            assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(v.schema()))).as("%s: %s", v.type(), v.change())
                    .hasValueSatisfying(type -> assertThat(type.getSimpleName()).isEqualTo(v.type()));
        }
    }
}
