package io.credence.trainer.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {

    @Test
    void passThroughPropertiesReachStreamsAndTheAdminKnowsOnlyItsOwn() {
        KafkaSettings s = new KafkaSettings("b:9092", "app", "exactly_once_v2", "/tmp/s",
                Map.of("security.protocol", "SASL_SSL", "commit.interval.ms", "5000", "security-protocol", "SASL_SSL"));

        Properties streams = s.streamsProperties((short) 3);
        assertThat(streams).containsEntry("security.protocol", "SASL_SSL").containsEntry("commit.interval.ms", "5000")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .doesNotContainKey("security-protocol");
        assertThat(s.adminProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "b:9092").doesNotContainKey("commit.interval.ms");
    }

    @Test
    void noKafkaPropertyNameHasAHyphenSoDroppingEnvironmentVariantsLosesNothing() {
        assertThat(Stream.of(StreamsConfig.configDef().names(), ConsumerConfig.configNames(), ProducerConfig.configNames(),
                AdminClientConfig.configNames()).flatMap(java.util.Set::stream)).noneMatch(n -> n.contains("-"));
    }

    @Test
    void anUnknownProcessingGuaranteeIsRefused() {
        assertThatThrownBy(() -> new KafkaSettings("b:9092", "app", "exactly_once", "/tmp/s", Map.of()))
                .hasMessageContaining("processing-guarantee");
    }
}
