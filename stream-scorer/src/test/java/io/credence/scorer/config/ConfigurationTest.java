package io.credence.scorer.config;

import io.credence.app.KafkaSettings;
import io.credence.scorer.http.PredictController;
import io.credence.scorer.streams.ScorerStreams;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * application-scorer.yml binds into the typed settings with the documented defaults, overrides and environment variables
 * win, secrets stay out of toString, and no scorer bean loads outside the "scorer" environment (so a trainer context on
 * the same classpath stays clean).
 */
class ConfigurationTest {
    private static final int APPLICATION_FILE_ORDER = -300;

    /** A context that reads application-scorer.yml but is not in the scorer environment: settings only, no app. */
    private static ApplicationContext settingsOnly(Map<String, Object> overrides) {
        return settingsOnly(overrides, Map.of());
    }

    /** {@link #settingsOnly(Map)} with {@code environmentVariables} read as environment variables are. */
    private static ApplicationContext settingsOnly(Map<String, Object> overrides, Map<String, Object> environmentVariables) {
        try (InputStream yml = ConfigurationTest.class.getResourceAsStream("/application-scorer.yml")) {
            Map<String, Object> file = new YamlPropertySourceLoader().read("application-scorer.yml", yml);
            return ApplicationContext.builder().deduceEnvironment(false)
                    // Below environment variables, as Micronaut orders an application file.
                    .propertySources(PropertySource.of("application-scorer.yml", file, APPLICATION_FILE_ORDER))
                    .propertySources(PropertySource.of("test-env", environmentVariables,
                            PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE, PropertySource.Origin.of("test-env")))
                    .properties(overrides)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        try (ApplicationContext ctx = settingsOnly(Map.of())) {
            ScorerSettings settings = ctx.getBean(ScorerSettings.class);
            assertThat(settings.batchSize()).isEqualTo(64);
            assertThat(settings.linger()).isEqualTo(Duration.ofMillis(25));
            assertThat(settings.noModelPolicy()).isEqualTo(NoModelPolicy.WAIT);
            assertThat(settings.waitBound()).isEqualTo(10_000);
            assertThat(settings.quantileLevels()).containsExactly(0.05, 0.25, 0.5, 0.75, 0.95);

            ScorerTopics topics = ctx.getBean(ScorerTopics.class);
            assertThat(topics.featureRecords()).isEqualTo("feature-records");
            assertThat(topics.posteriorSnapshots()).isEqualTo("posterior-snapshots");
            assertThat(topics.predictions()).isEqualTo("predictions");
            assertThat(topics.deadLetters()).isEqualTo("stream-scorer.dlq");
            assertThat(topics.trainingMetrics()).isEqualTo("training-metrics");

            KafkaSettings kafka = ctx.getBean(KafkaSettings.class);
            assertThat(kafka.processingGuarantee()).isEqualTo("exactly_once_v2");
            assertThat(kafka.applicationId()).isEqualTo("stream-scorer");
            assertThat(kafka.properties()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "2000"));

            HttpLimits limits = ctx.getBean(HttpLimits.class);
            assertThat(limits.maxRows()).isEqualTo(1000);
        }
    }

    @Test
    void overridesAndPassThroughClientPropertiesReachTheSettings() {
        try (ApplicationContext ctx = settingsOnly(Map.of(
                "credence.scorer.no-model-policy", "DLQ",
                "credence.scorer.quantile-levels", List.of(0.1, 0.9),
                "credence.kafka.bootstrap-servers", "b1:9093,b2:9093",
                "credence.kafka.properties.security.protocol", "SASL_SSL",
                "credence.kafka.properties.sasl.mechanism", "PLAIN"))) {
            assertThat(ctx.getBean(ScorerSettings.class).noModelPolicy()).isEqualTo(NoModelPolicy.DLQ);
            assertThat(ctx.getBean(ScorerSettings.class).quantileLevels()).containsExactly(0.1, 0.9);
            assertThat(ctx.getBean(ScorerSettings.class).sampleBankBytes(4L << 30)).as("default: half the heap").isEqualTo(2L << 30);
            KafkaSettings kafka = ctx.getBean(KafkaSettings.class);
            assertThat(kafka.properties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
            assertThat(kafka.streamsProperties((short) 1)).containsEntry("bootstrap.servers", "b1:9093,b2:9093")
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("processing.guarantee", "exactly_once_v2");
            assertThat(kafka.adminProperties()).containsEntry("sasl.mechanism", "PLAIN");
            assertThat(kafka.consumerProperties()).containsEntry("security.protocol", "SASL_SSL");
        }
    }

    @Test
    void noScorerBeanLoadsOutsideTheScorerEnvironment() {
        try (ApplicationContext ctx = settingsOnly(Map.of())) {
            assertThat(ctx.containsBean(ScorerStreams.class)).isFalse();
            assertThat(ctx.containsBean(PredictController.class)).isFalse();
        }
    }

    @Test
    void invalidSettingsFailWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> new ScorerSettings(0, Duration.ofMillis(25), NoModelPolicy.WAIT, 1, List.of(), 0))
                .hasMessageContaining("credence.scorer.batch-size");
        assertThatThrownBy(() -> new ScorerSettings(8, Duration.ofMillis(25), NoModelPolicy.WAIT, 1, List.of(1.5), 0))
                .hasMessageContaining("quantile-levels");
        assertThatThrownBy(() -> new ScorerTopics("a", "a", "c", "d", "e", 1, (short) 1)).hasMessageContaining("distinct");
    }

    @Test
    void securitySettingsComeFromEnvironmentVariables() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"pw\";";
        try (ApplicationContext ctx = settingsOnly(Map.of(), Map.of(
                "CREDENCE_HTTP_BEARER_TOKEN", "t0ken",
                "CREDENCE_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "CREDENCE_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaas,
                "CREDENCE_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12"))) {
            assertThat(ctx.getProperty("credence.http.bearer-token", String.class)).contains("t0ken");
            KafkaSettings kafka = ctx.getBean(KafkaSettings.class);
            assertThat(kafka.properties()).containsOnlyKeys("security.protocol", "sasl.jaas.config", "ssl.truststore.location",
                    "session.timeout.ms", "heartbeat.interval.ms");
            assertThat(kafka.streamsProperties((short) 1)).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12");
            assertThat(kafka.adminProperties()).containsEntry("sasl.jaas.config", jaas);
            assertThat(kafka.consumerProperties()).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12");
        }
    }

    @Test
    void theBearerTokenIsOffByDefault() {
        try (ApplicationContext ctx = settingsOnly(Map.of())) {
            assertThat(ctx.getProperty("credence.http.bearer-token", String.class)).contains("");
        }
    }
}
