package io.credence.schemas.serde;

import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.schemas.Samples;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    static List<SpecificRecord> records() {
        return Samples.everyTopLevelRecord();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyTopLevelRecordRoundTripsThroughItsKafkaSerde(SpecificRecord record) {
        try (Serde<SpecificRecord> serde = new AvroSerde<>(AvroCodecTest.codecOf(record))) {
            byte[] bytes = serde.serializer().serialize("some-topic", record);

            assertThat(bytes).isEqualTo(AvroCodecTest.codecOf(record).encode(record));
            assertThat(serde.deserializer().deserialize("some-topic", bytes)).isEqualTo(record);
        }
    }

    @Test
    void tombstonesStayNullBothWays() {
        try (AvroSerde<PosteriorSnapshot> serde = new AvroSerde<>(AvroCodecs.posteriorSnapshot())) {
            assertThat(serde.serializer().serialize("posterior-snapshots", null)).isNull();
            assertThat(serde.deserializer().deserialize("posterior-snapshots", null)).isNull();
        }
    }

    @Test
    void undecodableBytesRaiseASerializationExceptionCarryingTheDecodeException() {
        try (AvroSerde<LabeledRecord> serde = new AvroSerde<>(AvroCodecs.labeledRecord())) {
            byte[] specBytes = new AvroSerde<>(AvroCodecs.modelSpec()).serializer().serialize("model-specs",
                    io.credence.schemas.codec.ModelSpecCodec.toAvro(Samples.regressionSpec()));

            assertThatThrownBy(() -> serde.deserializer().deserialize("labeled-records", specBytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("WRONG_SCHEMA on topic labeled-records: LabeledRecord payload has schema fingerprint")
                    .hasCauseInstanceOf(DecodeException.class)
                    .cause().extracting(c -> ((DecodeException) c).errorClass()).isEqualTo(DecodeException.WRONG_SCHEMA);
            assertThatThrownBy(() -> serde.deserializer().deserialize("labeled-records", new byte[]{1, 2, 3}))
                    .isInstanceOf(SerializationException.class)
                    .cause().extracting(c -> ((DecodeException) c).errorClass()).isEqualTo(DecodeException.MALFORMED);
        }
    }

    @Test
    void aRecordMissingARequiredFieldFailsToSerializeWithItsName() {
        LabeledRecord incomplete = new LabeledRecord();
        incomplete.setFeatures(List.of(1.0));
        try (AvroSerde<LabeledRecord> serde = new AvroSerde<>(AvroCodecs.labeledRecord())) {
            assertThatThrownBy(() -> serde.serializer().serialize("labeled-records", incomplete))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("io.credence.avro.LabeledRecord")
                    .hasMessageContaining("modelId");
        }
    }
}
