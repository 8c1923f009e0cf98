package io.credence.schemas.registry;

import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Confluent wire format against the stand-in registry: framing, caching, resolution, refusals. */
class ConfluentWireFormatTest {

    private static final String TOPIC = "labeled-records";
    private static final LabeledRecord RECORD = new LabeledRecord("m", "r-1", List.of(1.5, -2.0), 0.25,
            Instant.ofEpochMilli(1_700_000_000_000L), null);

    private StandInRegistry registry;
    private ConfluentWireFormat format;

    @BeforeEach
    void start() {
        registry = StandInRegistry.start();
        format = new ConfluentWireFormat(RegistrySettings.of(registry.url()));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void framesWithTheRegisteredIdAndReadsBackCachingBothWays() throws Exception {
        byte[] first = format.encode(TOPIC, AvroCodecs.labeledRecord(), RECORD);
        byte[] second = format.encode(TOPIC, AvroCodecs.labeledRecord(), RECORD);
        int id = format.registry().lookup("labeled-records-value", AvroCodecs.labeledRecord().schema()).orElseThrow();

        assertThat(first[0]).isZero();
        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(id);
        assertThat(second).isEqualTo(first);
        ConfluentWireFormat reader = new ConfluentWireFormat(RegistrySettings.of(registry.url()));
        for (int i = 0; i < 5; i++) assertThat(reader.decode(TOPIC, AvroCodecs.labeledRecord(), first)).isEqualTo(RECORD);
        assertThat(registry.requestCount("POST", "/subjects/labeled-records-value/versions")).isEqualTo(1);
        assertThat(registry.requestCount("GET", "/schemas/ids/")).isEqualTo(1);
        assertThat(reader.typeOf(first)).contains(LabeledRecord.class);
    }

    @Test
    void readsAnOlderVersionWrittenByAnotherClientWithTheNewFieldsDefaults() throws Exception {
        Schema older = AvroCodecs.featureRecord().history().get(0);
        int id = format.registry().register("feature-records-value", older);
        GenericRecord r = new GenericData.Record(older);
        r.put("modelId", "m");
        r.put("requestId", "q-1");
        r.put("features", List.of(0.5));
        r.put("eventTime", 1_700_000_000_000L);
        r.put("samples", 7);

        FeatureRecord read = format.decode("feature-records", AvroCodecs.featureRecord(), framed(id, older, r));

        assertThat(read.getRequestId()).isEqualTo("q-1");
        assertThat(read.getSamples()).isEqualTo(7);
        assertThat(read.getIncludeDraws()).isFalse();
    }

    @Test
    void refusesUnknownIdsOtherTypesAndOtherFramings() throws Exception {
        AvroCodec<LabeledRecord> codec = AvroCodecs.labeledRecord();
        byte[] unknown = ByteBuffer.allocate(8).put((byte) 0).putInt(4242).array();
        assertThatThrownBy(() -> format.decode(TOPIC, codec, unknown))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.errorClass()).isEqualTo(DecodeException.WRONG_SCHEMA))
                .hasMessageContaining("schema id 4242").hasMessageContaining("does not have");

        byte[] prediction = ByteBuffer.allocate(8).put((byte) 0)
                .putInt(format.registry().register("predictions-value", AvroCodecs.prediction().schema())).array();
        assertThatThrownBy(() -> format.decode(TOPIC, codec, prediction))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.errorClass()).isEqualTo(DecodeException.WRONG_SCHEMA))
                .hasMessageContaining("cannot be read as io.credence.avro.LabeledRecord");

        assertThatThrownBy(() -> format.decode(TOPIC, codec, codec.encode(RECORD)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED))
                .hasMessageContaining("single-object");
        assertThatThrownBy(() -> format.decode(TOPIC, codec, new byte[]{1, 2, 3, 4, 5, 6}))
                .isInstanceOf(DecodeException.class).hasMessageContaining("GUID");
        assertThatThrownBy(() -> format.decode(TOPIC, codec, new byte[]{0, 0}))
                .isInstanceOf(DecodeException.class).hasMessageContaining("fewer than the 5-byte");
        byte[] truncated = format.encode(TOPIC, codec, RECORD);
        assertThatThrownBy(() -> format.decode(TOPIC, codec, java.util.Arrays.copyOf(truncated, truncated.length - 3)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED));
    }

    @Test
    void everyKeptSchemaHistoryPassesBackwardCompatibilityAndABreakingChangeIsRefused() {
        for (AvroCodec<?> codec : AvroCodecs.all()) {
            String topic = codec.schema().getName();
            assertThat(format.registerHistory(topic, codec))
                    .isEqualTo(format.registry().lookup(ConfluentWireFormat.subject(topic), codec.schema()).orElseThrow());
        }
        Schema breaking = new Schema.Parser().parse(AvroCodecs.labeledRecord().schema().toString()
                .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"required\",\"type\":\"string\"},"));
        assertThatThrownBy(() -> format.registry().register("LabeledRecord-value", breaking))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(RegistryException.INCOMPATIBLE));
    }

    @Test
    void withoutAutoRegistrationASchemaMustBeThereAlready() {
        ConfluentWireFormat lookupOnly = new ConfluentWireFormat(new RegistrySettings(URI.create(registry.url()),
                Map.of(RegistrySettings.AUTO_REGISTER, "false")));
        assertThatThrownBy(() -> lookupOnly.prepare("predictions", AvroCodecs.prediction()))
                .isInstanceOf(RegistryException.class).hasMessageContaining("auto.register.schemas is false");

        format.registerHistory("predictions", AvroCodecs.prediction());

        lookupOnly.prepare("predictions", AvroCodecs.prediction());
        assertThat(registry.requestCount("POST", "/subjects/predictions-value/versions")).isEqualTo(AvroCodecs.prediction().history().size());
    }

    @Test
    void sendsBasicCredentialsAndSaysWhatToCheckWhenRefused() {
        try (StandInRegistry guarded = StandInRegistry.start("credence", "s3cret")) {
            ConfluentWireFormat anonymous = new ConfluentWireFormat(RegistrySettings.of(guarded.url()));
            assertThatThrownBy(() -> anonymous.prepare(TOPIC, AvroCodecs.labeledRecord()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessageContaining("basic.auth.user.info");
            RegistrySettings settings = new RegistrySettings(URI.create(guarded.url()), Map.of(RegistrySettings.USER_INFO, "credence:s3cret"));
            new ConfluentWireFormat(settings).prepare(TOPIC, AvroCodecs.labeledRecord());
            assertThat(settings.toString()).contains("[hidden]").doesNotContain("s3cret");
        }
    }

    @Test
    void aRegistryThatDoesNotAnswerIsAnErrorNotBadInput() {
        String url = registry.url();
        registry.close();
        ConfluentWireFormat gone = new ConfluentWireFormat(RegistrySettings.of(url));
        byte[] payload = ByteBuffer.allocate(8).put((byte) 0).putInt(1).array();
        assertThatThrownBy(() -> gone.decode(TOPIC, AvroCodecs.labeledRecord(), payload))
                .isInstanceOf(RegistryException.class).hasMessageContaining("did not answer").hasMessageContaining("3 tries");
    }

    @Test
    void settingsRefuseUnknownKeysAndBadUrls() {
        assertThatThrownBy(() -> new RegistrySettings(URI.create("http://r:8081"), Map.of("basic.auth.userinfo", "a:b")))
                .hasMessageContaining("unknown schema registry setting basic.auth.userinfo");
        assertThatThrownBy(() -> RegistrySettings.of("registry:8081")).hasMessageContaining("http(s)://");
        assertThat(RegistrySettings.of("http://u:p@r:8081").endpoint()).isEqualTo("http://r:8081");
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
