package io.credence.cli;

import io.credence.cli.kafka.KafkaOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Security settings reach the clients (file, then --kafka-property) and the apps (credence.kafka.properties.*). */
class KafkaOptionsTest {

    @TempDir
    Path dir;

    private static KafkaOptions parse(String... args) {
        TailCommand tail = new TailCommand();
        new CommandLine(tail).parseArgs(args);
        return tail.kafka;
    }

    @Test
    void fileThenPropertiesThenBootstrap() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nssl.truststore.location=/etc/ts.p12\n");
        KafkaOptions kafka = parse("predictions", "-b", "k1:9093,k2:9093", "--kafka-config", file.toString(),
                "-X", "sasl.mechanism=PLAIN", "--kafka-property", "sasl.jaas.config=a=b c=\"d\";");
        assertThat(kafka.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "k1:9093,k2:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN",
                "ssl.truststore.location", "/etc/ts.p12",
                "sasl.jaas.config", "a=b c=\"d\";"));
        assertThat(kafka.appOverrides()).containsEntry("credence.kafka.bootstrap-servers", "k1:9093,k2:9093")
                .containsEntry("credence.kafka.properties.security.protocol", "SASL_SSL")
                .containsEntry("credence.kafka.properties.sasl.jaas.config", "a=b c=\"d\";");
    }

    @Test
    void malformedPropertyAndMissingFileAreExplained() {
        assertThatThrownBy(() -> parse("t", "-X", "novalue").extraProperties())
                .hasMessage("--kafka-property must be KEY=VALUE, got \"novalue\"");
        assertThatThrownBy(() -> parse("t", "--kafka-config", dir.resolve("nope").toString()).extraProperties())
                .hasMessageStartingWith("cannot read --kafka-config " + dir.resolve("nope"));
    }
}
