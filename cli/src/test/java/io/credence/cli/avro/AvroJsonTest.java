package io.credence.cli.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.credence.schemas.serde.WireFormat;
import io.credence.avro.DeadLetter;
import io.credence.avro.Prediction;
import io.credence.avro.Quantile;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroJsonTest {

    private static Prediction prediction(double std) {
        return Prediction.newBuilder().setModelId("m").setRequestId("r1").setModelVersion(3).setMean(0.5).setStd(std)
                .setEpistemicStd(0.1).setAleatoricStd(0.2).setIntervalLevel(0.9).setLower(-1).setUpper(2)
                .setQuantiles(List.of(new Quantile(0.05, -1.0))).setClassProbabilities(null).setPredictedClass(null)
                .setEntropy(null).setMutualInformation(null).setSamples(100).setSeed(7)
                .setEventTime(Instant.parse("2026-01-02T03:04:05Z")).setScoredAt(Instant.parse("2026-01-02T03:04:06Z")).build();
    }

    @Test
    void unionsAreUnwrappedTimestampsAreIsoAndNonFiniteNumbersAreStrings() throws Exception {
        JsonNode json = JsonMapper.builder().build().readTree(AvroJson.of(prediction(Double.NaN)).toString());
        assertThat(json.get("modelVersion").asLong()).isEqualTo(3);
        assertThat(json.get("std").asText()).isEqualTo("NaN");
        assertThat(json.get("entropy").isNull()).isTrue();
        assertThat(json.get("quantiles").get(0).get("value").asDouble()).isEqualTo(-1.0);
        assertThat(json.get("eventTime").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void bytesAreBase64() {
        DeadLetter letter = DeadLetters.of("stream-scorer", "feature-records", 0, 5, "MALFORMED", "bad",
                null, "hi".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(AvroJson.of(letter).get("value").asText()).isEqualTo("aGk=");
        assertThat(AvroJson.of(letter).get("key").isNull()).isTrue();
    }

    @Test
    void anyRecordDecoderPicksTheTypeByFingerprint() throws Exception {
        byte[] bytes = AvroCodecs.prediction().encode(prediction(1.0));
        assertThat(AnyRecordDecoder.decode(WireFormat.singleObject(), "predictions", bytes)).isInstanceOf(Prediction.class);
        bytes[3] ^= 0x55; // corrupt the fingerprint
        assertThatThrownBy(() -> AnyRecordDecoder.decode(WireFormat.singleObject(), "predictions", bytes)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> AnyRecordDecoder.decode(WireFormat.singleObject(), "predictions", "{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("not the Avro single-object marker");
    }
}
