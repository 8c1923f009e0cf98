package io.credence.schemas.codec;

import io.credence.avro.DeadLetter;
import io.credence.schemas.Samples;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void keepsEveryFieldAndACopyOfTheOriginalBytes() {
        byte[] value = {(byte) 0xC3, 0x01, 9};

        DeadLetter d = DeadLetters.of("stream-scorer", "feature-records", 3, 1234, "FEATURE_COUNT",
                "model m expects 3 features, got 2", null, value, Samples.TIME);
        value[2] = 0;

        assertThat(d.getApp()).isEqualTo("stream-scorer");
        assertThat(d.getSourceTopic()).isEqualTo("feature-records");
        assertThat(d.getPartition()).isEqualTo(3);
        assertThat(d.getOffset()).isEqualTo(1234);
        assertThat(d.getErrorClass()).isEqualTo("FEATURE_COUNT");
        assertThat(d.getReason()).isEqualTo("model m expects 3 features, got 2");
        assertThat(d.getKey()).isNull();
        assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(new byte[]{(byte) 0xC3, 0x01, 9}));
        assertThat(d.getTime()).isEqualTo(Instant.ofEpochMilli(Samples.TIME));
    }

    @Test
    void anInputOverTheLimitIsDeadLetteredWithItsSizesAndWhereItStaysButNotItsBytes() {
        byte[] key = new byte[1000];
        byte[] value = new byte[DeadLetters.MAX_INPUT_BYTES - 1000];
        assertThat(DeadLetters.tooLarge(key, value)).isFalse();
        assertThat(DeadLetters.tooLarge(null, new byte[DeadLetters.MAX_INPUT_BYTES + 1])).isTrue();
        value = new byte[value.length + 1];
        assertThat(DeadLetters.tooLarge(key, value)).isTrue();

        DeadLetter d = DeadLetters.tooLarge("stream-trainer", "labeled-records", 2, 77, key, value, Samples.TIME);

        assertThat(d.getErrorClass()).isEqualTo(DeadLetters.TOO_LARGE);
        assertThat(d.getReason()).contains("1000 key bytes", value.length + " value bytes", "labeled-records-2@77");
        assertThat(d.getKey()).isNull();
        assertThat(d.getValue()).isNull();
        assertThat(d.getPartition()).isEqualTo(2);
        assertThat(d.getOffset()).isEqualTo(77);
    }
}
