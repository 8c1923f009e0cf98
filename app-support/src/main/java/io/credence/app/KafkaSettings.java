package io.credence.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How an app reaches Kafka, bound from {@code credence.kafka} (the same keys in stream-trainer and stream-scorer): the
 * typed essentials plus any other Kafka client or Streams property (SASL, SSL, commit.interval.ms,
 * num.stream.threads...) passed through unchanged.
 *
 * @param bootstrapServers    comma-separated host:port list
 * @param applicationId       Kafka Streams application id: consumer group, prefix of internal topics and state
 * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}
 * @param stateDir            directory of the local state stores
 * @param properties          further client properties, e.g. {@code security.protocol}, {@code sasl.jaas.config}; their
 *                            secret values never appear in {@link #toString()}
 */
@ConfigurationProperties("credence.kafka")
public record KafkaSettings(String bootstrapServers, String applicationId, String processingGuarantee, String stateDir,
                            @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> properties) {
    private static final Set<String> GUARANTEES = Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);
    /** Every property Kafka itself types as a password (it prints them as [hidden] too). */
    private static final Set<String> KAFKA_PASSWORDS = Stream.of(StreamsConfig.configDef(), ConsumerConfig.configDef(),
                    ProducerConfig.configDef(), AdminClientConfig.configDef())
            .flatMap(def -> def.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());
    /** Names of secrets Kafka does not define, e.g. a serde plugin's credentials (basic.auth.user.info). */
    private static final Pattern SECRET_NAME = Pattern.compile("pass|jaas|secret|token|credential|user\\.info");
    private static final String HIDDEN = "[hidden]";

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("credence.kafka.bootstrap-servers must be set");
        }
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("credence.kafka.application-id must be set");
        }
        if (!GUARANTEES.contains(processingGuarantee)) {
            throw new IllegalArgumentException("credence.kafka.processing-guarantee must be one of " + GUARANTEES
                    + ", got " + processingGuarantee);
        }
        if (stateDir == null || stateDir.isBlank()) throw new IllegalArgumentException("credence.kafka.state-dir must be set");
        properties = properties == null ? Map.of() : withoutEnvironmentVariants(properties);
    }

    /**
     * {@code properties} without hyphenated keys: Micronaut reads CREDENCE_KAFKA_PROPERTIES_SASL_MECHANISM as
     * sasl.mechanism and also as sasl-mechanism, and no Kafka property name contains a hyphen.
     */
    private static Map<String, String> withoutEnvironmentVariants(Map<String, String> properties) {
        Map<String, String> kept = new HashMap<>(properties);
        kept.keySet().removeIf(k -> k.contains("-"));
        return Map.copyOf(kept);
    }

    /** Kafka Streams configuration: the pass-through properties overlaid by the typed settings. */
    public Properties streamsProperties(short replicationFactor) {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        return props;
    }

    /** Admin client configuration: the pass-through properties an admin client knows (security included). */
    public Map<String, Object> adminProperties() {
        return known(AdminClientConfig.configNames(), AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** Plain consumer configuration (no group), e.g. for the scorer's live page's training-metrics feed. */
    public Map<String, Object> consumerProperties() {
        return known(ConsumerConfig.configNames(), ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    private Map<String, Object> known(Set<String> names, String bootstrapKey) {
        Map<String, Object> props = new HashMap<>();
        properties.forEach((k, v) -> {
            if (names.contains(k)) props.put(k, v);
        });
        props.put(bootstrapKey, bootstrapServers);
        return props;
    }

    /** The settings with every secret pass-through value (passwords, JAAS configs, keys, tokens) shown as [hidden]. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecret(k) ? HIDDEN : v));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId
                + ", processingGuarantee=" + processingGuarantee + ", stateDir=" + stateDir + ", properties=" + shown + "]";
    }

    /** Whether the value of the client property {@code key} is a secret that must not be shown. */
    static boolean isSecret(String key) {
        return KAFKA_PASSWORDS.contains(key) || SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).find();
    }
}
