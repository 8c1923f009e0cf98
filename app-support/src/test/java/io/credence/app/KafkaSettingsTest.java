package io.credence.app;

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

    @Test
    void toStringHidesEverySecretValueAndShowsTheRest() {
        Map<String, String> secrets = Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"pw-1\";",
                "ssl.truststore.password", "pw-2",
                "ssl.keystore.password", "pw-3",
                "ssl.key.password", "pw-4",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY----- pw-5",
                "sasl.oauthbearer.client.credentials.client.secret", "pw-6",
                "basic.auth.user.info", "user:pw-7",
                "schema.registry.bearer.auth.token", "pw-8",
                "plugin.Password", "pw-9");
        Map<String, String> all = new java.util.HashMap<>(secrets);
        all.put("security.protocol", "SASL_SSL");
        all.put("sasl.mechanism", "SCRAM-SHA-512");
        all.put("ssl.truststore.location", "/etc/kafka/truststore.p12");
        KafkaSettings s = new KafkaSettings("b:9092", "app", "exactly_once_v2", "/tmp/s", all);

        String shown = s.toString();

        for (String secret : secrets.values()) assertThat(shown).doesNotContain(secret);
        assertThat(shown).contains("sasl.jaas.config=[hidden]", "ssl.keystore.key=[hidden]", "plugin.Password=[hidden]",
                "security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512", "ssl.truststore.location=/etc/kafka/truststore.p12",
                "bootstrapServers=b:9092");
    }
}
