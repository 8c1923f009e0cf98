package io.credence.trainer.config;

import io.credence.app.BearerTokenFilter;
import io.credence.app.KafkaSettings;
import io.credence.trainer.TrainerApp;
import io.credence.trainer.streams.TrainerStreams;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * application-trainer.yml binds onto the settings records, environment variables override any key of it, and no
 * trainer bean loads outside the "trainer" environment (so a scorer context on the same classpath stays clean). A
 * context without an HTTP server never starts Kafka Streams, so these tests need no broker.
 */
class ConfigurationTest {

    @Test
    void environmentVariablesOverrideApplicationYml() {
        Map<String, Object> env = Map.of(
                "CREDENCE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093",
                "CREDENCE_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "CREDENCE_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "CREDENCE_TOPICS_DEAD_LETTERS", "trainer.dead.letters",
                "CREDENCE_TRAINER_IDLE_FLUSH", "30s",
                "CREDENCE_TRAINER_DEFAULT_SPEC_HIDDEN", "16,8",
                "CREDENCE_TRAINER_DEFAULT_SPEC_BATCH_SIZE", "64");
        try (ApplicationContext context = trainer()
                .propertySources(PropertySource.of("test-env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE,
                        PropertySource.Origin.of("test-env")))
                .start()) {
            KafkaSettings kafka = context.getBean(KafkaSettings.class);
            assertThat(kafka.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
            assertThat(kafka.processingGuarantee()).isEqualTo("exactly_once_v2");
            assertThat(kafka.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL",
                    "sasl.mechanism", "SCRAM-SHA-512", "session.timeout.ms", "6000", "heartbeat.interval.ms", "2000"));

            TrainerTopics topics = context.getBean(TrainerTopics.class);
            assertThat(topics.labeledRecords()).isEqualTo("labeled-records");
            assertThat(topics.posteriorSnapshots()).isEqualTo("posterior-snapshots");
            assertThat(topics.deadLetters()).isEqualTo("trainer.dead.letters");

            TrainerSettings settings = context.getBean(TrainerSettings.class);
            assertThat(settings.idleFlush()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.defaultSpec().network().hidden()).containsExactly(16, 8);
            assertThat(settings.defaultSpec().optimiser().batchSize()).isEqualTo(64);
            assertThat(settings.defaultSpec().features()).isEqualTo(1);
            assertThat(settings.punctuateInterval()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void noTrainerBeanLoadsOutsideTheTrainerEnvironment() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("micronaut.health.monitor.enabled", false)).start()) {
            // (KafkaSettings and the bearer-token filter live in app-support, shared by both apps' environments.)
            assertThat(context.containsBean(TrainerSettings.class)).isFalse();
            assertThat(context.containsBean(TrainerStreams.class)).isFalse();
            assertThat(context.containsBean(PrometheusMeterRegistry.class)).isFalse();
        }
    }

    private static ApplicationContextBuilder trainer() {
        return ApplicationContext.builder().environments(TrainerApp.ENVIRONMENT).deduceEnvironment(false);
    }

    @Test
    void dottedPassThroughPropertiesKeepTheirNames() {
        try (ApplicationContext context = trainer()
                .properties(Map.of("credence.kafka.properties.sasl.jaas.config", "org.example.Login required;",
                        "credence.kafka.properties.commit.interval.ms", "250",
                        "credence.kafka.properties.max.task.idle.ms", "0"))
                .start()) {
            assertThat(context.getBean(KafkaSettings.class).properties()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("sasl.jaas.config", "org.example.Login required;", "commit.interval.ms", "250", "max.task.idle.ms", "0",
                            "session.timeout.ms", "6000", "heartbeat.interval.ms", "2000"));
        }
    }

    @Test
    void theBearerTokenComesFromTheEnvironmentIsOffByDefaultAndNamesTheTrainer() {
        Map<String, Object> env = Map.of("CREDENCE_HTTP_BEARER_TOKEN", "t0ken");
        try (ApplicationContext context = trainer()
                .propertySources(PropertySource.of("test-env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE,
                        PropertySource.Origin.of("test-env")))
                .start()) {
            BearerTokenFilter filter = context.getBean(BearerTokenFilter.class);
            HttpResponse<?> refused = filter.authenticate(HttpRequest.GET("/models"));
            assertThat(refused.code()).isEqualTo(401);
            assertThat(refused.header(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"stream-trainer\"");
            assertThat(filter.authenticate(HttpRequest.GET("/models").bearerAuth("t0ken"))).isNull();
        }
        try (ApplicationContext context = trainer().start()) {
            assertThat(context.getBean(BearerTokenFilter.class).authenticate(HttpRequest.GET("/models"))).isNull();
        }
    }
}
