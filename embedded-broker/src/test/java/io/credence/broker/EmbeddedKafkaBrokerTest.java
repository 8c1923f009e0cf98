package io.credence.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    @Test
    void busyPortFailsWithOneLineNamingThePortAndLeavesNoTemporaryDir() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).build();
            Path logDir = broker.logDir();

            assertThatThrownBy(broker::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessage("Cannot start the embedded Kafka broker: port " + port + " is already in use");
            assertThat(broker.isRunning()).isFalse();

            broker.close();
            assertThat(Files.exists(logDir)).isFalse();
        }
    }

    @Test
    void bootstrapServersNamesOnlyConfiguredListeners() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(0)
                .saslListener(new SaslListener(0, Set.of(SaslMechanism.PLAIN), Map.of("alice", "alice-secret")))
                .build()) {
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());
            assertThat(broker.bootstrapServers(SecurityProtocol.PLAINTEXT)).isEqualTo(broker.bootstrapServers());
            assertThat(broker.bootstrapServers(SecurityProtocol.SASL_PLAINTEXT))
                    .matches("localhost:\\d+")
                    .isNotEqualTo(broker.bootstrapServers());
            assertThatThrownBy(() -> broker.bootstrapServers(SecurityProtocol.SSL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no SSL listener");
        }
    }

    @Test
    void brokerPropertiesOverrideTheSingleNodeDefaults() {
        Map<String, String> properties = ServerProperties.of(Path.of("/tmp/x"), 9092, 9093, null, null,
                Map.of("log.segment.bytes", "1048576", "num.partitions", "3"));

        assertThat(properties)
                .containsEntry("log.segment.bytes", "1048576")
                .containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092");
    }

    @Test
    void saslUsersNeedingQuotesAreRejected() {
        assertThatThrownBy(() -> new SaslListener(0, Set.of(SaslMechanism.PLAIN), Map.of("alice", "pa\"ss")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password of user 'alice'");
        assertThatThrownBy(() -> new SaslListener(0, Set.of(), Map.of("alice", "secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one mechanism");
    }
}
