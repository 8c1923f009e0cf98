package io.credence.trainer.processor;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleJournalKeysTest {

    @Test
    void aModelsKeysFollowTheIndexAndEachHasItsOwnHash() {
        Set<Integer> hashes = new HashSet<>();
        Bytes previous = null;
        for (int i = 0; i < 200_000; i++) {
            Bytes key = ExampleJournal.exampleKey("model-7", i);
            assertThat(hashes.add(key.hashCode())).as("hash of example %d", i).isTrue();
            if (previous != null) assertThat(previous.compareTo(key)).as("order at %d", i).isNegative();
            previous = key;
        }
        Bytes last = ExampleJournal.exampleKey("model-7", Integer.MAX_VALUE);
        assertThat(previous.compareTo(last)).isNegative();
        assertThat(ExampleJournal.markKey("model-7", 3)).isNotEqualTo(ExampleJournal.exampleKey("model-7", 3));
    }
}
