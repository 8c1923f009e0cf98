package io.credence.schemas.serde;

import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.schemas.Samples;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AvroCodecTest {

    static List<SpecificRecord> records() {
        return Samples.everyTopLevelRecord();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyTopLevelRecordRoundTripsInSingleObjectEncoding(SpecificRecord record) throws DecodeException {
        AvroCodec<SpecificRecord> codec = codecOf(record);

        byte[] bytes = codec.encode(record);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(SchemaFingerprint.read(bytes)).isEqualTo(SchemaFingerprint.of(record.getSchema()));
        assertThat(codec.decode(bytes)).isEqualTo(record);
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaDecodesWithTheNewFieldAtItsDefault() throws Exception {
        Schema older = labeledRecordWithoutWeight();
        GenericRecord old = new GenericData.Record(older);
        old.put("modelId", "house-prices");
        old.put("recordId", "r-9");
        old.put("features", List.of(1.0, 2.0, 3.0));
        old.put("label", 7.5);
        old.put("eventTime", Samples.TIME);
        byte[] bytes = encodeGeneric(old);

        LabeledRecord decoded = AvroCodec.of(LabeledRecord.class, older).decode(bytes);

        assertThat(decoded.getModelId()).isEqualTo("house-prices");
        assertThat(decoded.getRecordId()).isEqualTo("r-9");
        assertThat(decoded.getFeatures()).containsExactly(1.0, 2.0, 3.0);
        assertThat(decoded.getLabel()).isEqualTo(7.5);
        assertThat(decoded.getEventTime()).isEqualTo(Instant.ofEpochMilli(Samples.TIME));
        assertThat(decoded.getWeight()).isNull();
    }

    @Test
    void anOlderSchemaThatWasNotRegisteredIsAWrongSchema() throws Exception {
        Schema older = labeledRecordWithoutWeight();
        GenericRecord old = new GenericData.Record(older);
        old.put("modelId", "m");
        old.put("recordId", null);
        old.put("features", List.of(1.0));
        old.put("label", 1.0);
        old.put("eventTime", 0L);
        byte[] bytes = encodeGeneric(old);

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> AvroCodecs.labeledRecord().decode(bytes));

        assertThat(e.errorClass()).isEqualTo(DecodeException.WRONG_SCHEMA);
        assertThat(e.getMessage()).contains(SchemaFingerprint.hex(SchemaFingerprint.of(older)),
                "not a known Credence schema or version");
    }

    @Test
    void anOlderSchemaTheCurrentOneCannotReadIsRefusedAtConstruction() {
        // An older version whose label was a string: Avro cannot promote a string to the current double.
        Schema incompatible = new Schema.Parser().parse(LabeledRecord.getClassSchema().toString()
                .replace("{\"name\":\"label\",\"type\":\"double\"", "{\"name\":\"label\",\"type\":\"string\""));

        assertThatThrownBy(() -> AvroCodec.of(LabeledRecord.class, incompatible))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.credence.avro.LabeledRecord cannot be read by the current schema: "
                        + "reader type: DOUBLE not compatible with writer type: STRING at /fields/3/type");
    }

    @Test
    void anotherCredenceTypeIsAWrongSchemaNamingBothFingerprints() {
        FeatureRecord features = (FeatureRecord) records().get(1);
        byte[] bytes = AvroCodecs.featureRecord().encode(features);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> AvroCodecs.labeledRecord().decode(bytes));

        assertThat(e.errorClass()).isEqualTo(DecodeException.WRONG_SCHEMA);
        assertThat(e.getMessage())
                .isEqualTo("LabeledRecord payload has schema fingerprint "
                        + SchemaFingerprint.hex(AvroCodecs.featureRecord().fingerprint())
                        + " (io.credence.avro.FeatureRecord), expected io.credence.avro.LabeledRecord with fingerprint "
                        + SchemaFingerprint.hex(AvroCodecs.labeledRecord().fingerprint()))
                .doesNotContain("\n");
    }

    @Test
    void nullEmptyShortAndUnmarkedPayloadsAreMalformed() {
        assertMalformed(null, "LabeledRecord payload is null");
        assertMalformed(new byte[0], "has 0 bytes, fewer than the 10-byte Avro single-object header");
        assertMalformed(new byte[]{(byte) 0xC3, 0x01, 1, 2}, "has 4 bytes");
        assertMalformed("{\"modelId\":\"m\",\"label\":1}".getBytes(), "starts with 7B 22, not the Avro single-object marker C3 01");
    }

    @Test
    void everyTruncationOfAValidPayloadIsMalformed() {
        byte[] bytes = AvroCodecs.labeledRecord().encode((LabeledRecord) records().get(0));
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            DecodeException e = catchThrowableOfType(DecodeException.class, () -> AvroCodecs.labeledRecord().decode(truncated));
            assertThat(e).as("payload truncated to %d of %d bytes", length, bytes.length).isNotNull();
            assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED);
        }
    }

    @Test
    void trailingBytesAfterTheRecordAreMalformed() {
        byte[] bytes = AvroCodecs.labeledRecord().encode((LabeledRecord) records().get(0));

        assertMalformed(Arrays.copyOf(bytes, bytes.length + 1), "bytes left over after the record");
    }

    @Test
    void aTruncatedBodySaysSo() {
        byte[] bytes = AvroCodecs.labeledRecord().encode((LabeledRecord) records().get(0));

        assertMalformed(Arrays.copyOf(bytes, bytes.length - 3), "(" + (bytes.length - 3) + " bytes, fingerprint "
                + SchemaFingerprint.hex(AvroCodecs.labeledRecord().fingerprint())
                + ") has a valid header but its body does not decode: it ends before the record does (truncated?)");
    }

    @Test
    void randomBodiesBehindAValidHeaderAreMalformedOrDecodeNeverLeakingAvroExceptions() {
        Random random = new Random(11);
        AvroCodec<LabeledRecord> codec = AvroCodecs.labeledRecord();
        byte[] header = Arrays.copyOf(codec.encode((LabeledRecord) records().get(0)), SchemaFingerprint.HEADER_LENGTH);
        int malformed = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            byte[] payload = ByteBuffer.allocate(header.length + body.length).put(header).put(body).array();
            try {
                codec.decode(payload);
            } catch (DecodeException e) {
                assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED);
                assertThat(e.getMessage()).startsWith("LabeledRecord payload (").contains("has a valid header but its body does not decode");
                malformed++;
            }
        }
        assertThat(malformed).as("random bodies that failed to decode").isGreaterThan(1000);
    }

    @Test
    void randomBytesAreMalformed() {
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            byte[] payload = new byte[random.nextInt(100)];
            random.nextBytes(payload);
            if (payload.length > 1 && payload[0] == (byte) 0xC3 && payload[1] == 0x01) continue;
            assertMalformed(payload, "LabeledRecord payload");
        }
    }

    @Test
    void theCodecsOfAllTopLevelTypesHaveDistinctFingerprints() {
        assertThat(AvroCodecs.all().stream().map(AvroCodec::fingerprint).collect(Collectors.toSet())).hasSize(9);
    }

    private static void assertMalformed(byte[] payload, String messagePart) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> AvroCodecs.labeledRecord().decode(payload));
        assertThat(e).isNotNull();
        assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED);
        assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
    }

    /** The single-object encoding of a generic record under its own schema, as a writer on that schema would produce. */
    static byte[] encodeGeneric(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record, out);
        return out.toByteArray();
    }

    /** The current LabeledRecord schema without its last field, weight: the version before weight was added. */
    static Schema labeledRecordWithoutWeight() {
        Schema current = LabeledRecord.getClassSchema();
        List<Schema.Field> fields = current.getFields().stream()
                .filter(f -> !f.name().equals("weight"))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        assertThat(fields).hasSize(current.getFields().size() - 1);
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    @SuppressWarnings("unchecked")
    static AvroCodec<SpecificRecord> codecOf(SpecificRecord record) {
        return (AvroCodec<SpecificRecord>) AvroCodecs.all().stream()
                .filter(c -> c.type() == record.getClass())
                .findFirst().orElseThrow();
    }
}
