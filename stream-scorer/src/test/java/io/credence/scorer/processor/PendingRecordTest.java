package io.credence.scorer.processor;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pending store's key and value layout. */
class PendingRecordTest {

    @Test
    void aValueSurvivesEncodingWithAndWithoutKey() {
        PendingRecord withKey = new PendingRecord(2, 41L, 1_000L, 2_000L, new byte[] {1, 2}, new byte[] {3, 4, 5});
        PendingRecord noKey = new PendingRecord(0, 0L, -1L, 5L, null, new byte[0]);

        PendingRecord a = PendingRecord.decode(withKey.encode());
        PendingRecord b = PendingRecord.decode(noKey.encode());

        assertThat(a.partition()).isEqualTo(2);
        assertThat(a.offset()).isEqualTo(41L);
        assertThat(a.timestamp()).isEqualTo(1_000L);
        assertThat(a.arrivedAtMillis()).isEqualTo(2_000L);
        assertThat(a.key()).containsExactly(1, 2);
        assertThat(a.value()).containsExactly(3, 4, 5);
        assertThat(b.key()).isNull();
        assertThat(b.value()).isEmpty();
    }

    @Test
    void keysOfOneModelShareAPrefixAndSortByArrival() {
        byte[] first = PendingRecord.key("model-é", 9);
        byte[] second = PendingRecord.key("model-é", 10);
        byte[] otherModel = PendingRecord.key("model-é2", 1);

        assertThat(PendingRecord.modelIdOf(first)).isEqualTo("model-é");
        assertThat(PendingRecord.sequenceOf(second)).isEqualTo(10L);
        assertThat(Bytes.wrap(first).compareTo(Bytes.wrap(second))).isNegative();
        assertThat(startsWith(second, PendingRecord.keyPrefix("model-é"))).isTrue();
        assertThat(startsWith(otherModel, PendingRecord.keyPrefix("model-é")))
                .as("a model id that extends another is not inside its prefix").isFalse();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (key[i] != prefix[i]) return false;
        return true;
    }
}
