package io.credence.cli.kafka;

import io.credence.cli.CommandFailure;
import io.credence.schemas.serde.WireFormat;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Kafka connection options every networked command shares: the bootstrap servers and any client property
 * (security above all: SASL, SSL), from a properties file and/or repeated {@code --kafka-property key=value}, and the
 * framing of the records on the topics ({@link SerdeOptions}).
 */
public final class KafkaOptions {

    @Mixin
    SerdeOptions serde;

    /** Bootstrap servers when neither --bootstrap nor CREDENCE_BOOTSTRAP gives any. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: $CREDENCE_BOOTSTRAP, else " + DEFAULT_BOOTSTRAP + ").")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "A Java properties file of Kafka client settings, e.g. security.protocol=SASL_SSL, "
                    + "sasl.mechanism, sasl.jaas.config, ssl.truststore.location.")
    Path configFile;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client setting (repeatable); overrides --kafka-config.")
    List<String> properties = new ArrayList<>();

    /** The bootstrap servers: --bootstrap, else $CREDENCE_BOOTSTRAP, else localhost:9092. */
    public String bootstrap() {
        return given().orElse(DEFAULT_BOOTSTRAP);
    }

    /** The bootstrap servers the user gave (--bootstrap or $CREDENCE_BOOTSTRAP), if any. */
    public Optional<String> given() {
        if (bootstrap != null && !bootstrap.isBlank()) return Optional.of(bootstrap.trim());
        String env = System.getenv("CREDENCE_BOOTSTRAP");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
    }

    /**
     * The client settings from {@code --kafka-config} then {@code --kafka-property}, without the bootstrap servers.
     *
     * @throws CommandFailure when the file cannot be read or a property is not {@code key=value}
     */
    public Map<String, String> extraProperties() {
        Map<String, String> all = new LinkedHashMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new CommandFailure("cannot read --kafka-config " + configFile + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(k -> all.put(k, file.getProperty(k)));
        }
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new CommandFailure("--kafka-property must be KEY=VALUE, got \"" + p + "\"");
            all.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        return all;
    }

    /** Client settings for a producer, consumer or admin client: {@link #extraProperties()} plus bootstrap.servers. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> all = new LinkedHashMap<>(extraProperties());
        all.put("bootstrap.servers", bootstrap());
        return all;
    }

    /** How records on the topics are framed: single-object, or the Confluent wire format with a registry. */
    public WireFormat wireFormat() {
        return serde.wireFormat();
    }

    /** The framing options, e.g. for apps started by this command. */
    public SerdeOptions serde() {
        return serde;
    }

    /**
     * Micronaut overrides that hand the same connection and framing to a trainer or scorer (credence.kafka.*,
     * credence.serde.*). Without a bootstrap given here, the app's own configuration applies, so
     * CREDENCE_KAFKA_BOOTSTRAP_SERVERS still works.
     */
    public Map<String, Object> appOverrides() {
        Map<String, Object> overrides = new LinkedHashMap<>(serde.appOverrides());
        given().ifPresent(b -> overrides.put("credence.kafka.bootstrap-servers", b));
        extraProperties().forEach((k, v) -> overrides.put("credence.kafka.properties." + k, v));
        return overrides;
    }
}
