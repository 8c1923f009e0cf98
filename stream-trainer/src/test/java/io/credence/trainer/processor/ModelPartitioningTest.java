package io.credence.trainer.processor;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPartitioningTest {

    private static final ModelPartitioning SIX = new ModelPartitioning(6, true);

    @Test
    void aRecordKeyedByItsModelIdOnTheMurmur2PartitionGoesStraightThrough() {
        for (String model : new String[] {"a", "model-17", "üñí"}) {
            byte[] key = model.getBytes(StandardCharsets.UTF_8);
            // Kafka's default partitioner, as every Java client and librdkafka's murmur2_random compute it.
            int partition = Utils.toPositive(Utils.murmur2(key)) % 6;
            assertThat(SIX.problem(key, model, partition)).isEmpty();
            assertThat(SIX.inPlace(key, key, partition)).isTrue();
            assertThat(SIX.inPlace(key, key, (partition + 1) % 6)).isFalse();
            assertThat(SIX.problem(key, model, (partition + 1) % 6)).hasValueSatisfying(why -> assertThat(why)
                    .contains("on partition " + (partition + 1) % 6, "puts that key on partition " + partition + " of 6", "murmur2_random"));
        }
    }

    @Test
    void anotherKeyOrNoKeyIsRefused() {
        assertThat(SIX.problem("r1".getBytes(StandardCharsets.UTF_8), "a", 0)).hasValueSatisfying(why ->
                assertThat(why).startsWith("the key 'r1' is not the model id 'a'"));
        assertThat(SIX.inPlace("r1".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8), 0)).isFalse();
        assertThat(SIX.inPlace(null, "a".getBytes(StandardCharsets.UTF_8), 0)).isFalse();
        assertThat(SIX.problem(null, "a", 0)).hasValueSatisfying(why -> assertThat(why).startsWith("no key is not the model id 'a'"));
        assertThatThrownBy(() -> new ModelPartitioning(0, false)).hasMessageContaining("partitions must be >= 1");
    }
}
