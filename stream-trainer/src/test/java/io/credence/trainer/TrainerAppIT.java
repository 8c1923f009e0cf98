package io.credence.trainer;

import io.credence.avro.DeadLetter;
import io.credence.app.TopicProvisioner;
import io.credence.broker.Await;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.trainer.config.TrainerTopics;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app against a real broker: topic provisioning and validation, health, metrics, models and dead letters. */
class TrainerAppIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @TempDir
    Path stateDir;

    @Test
    void startCreatesTheTopicsAndServesHealthMetricsModelsAndDeadLetters() throws Exception {
        TrainerTopics topics = TrainerOverrides.topics("fresh", 2);
        try (TrainerApp app = TrainerApp.start(TrainerOverrides.of(kafka.get().bootstrapServers(), "fresh-trainer", stateDir, topics))) {
            List<String> names = topics.all().stream().map(TopicProvisioner.Topic::name).toList();
            Map<String, TopicDescription> described = kafka.get().admin().describeTopics(names).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(2));
            Map<String, String> policies = kafka.get().admin().describeConfigs(names.stream()
                            .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get()
                    .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), e -> policy(e.getValue())));
            assertThat(policies).containsEntry(topics.modelSpecs(), "compact")
                    .containsEntry(topics.posteriorSnapshots(), "compact")
                    .containsEntry(topics.labeledRecords(), "delete")
                    .containsEntry(topics.trainingMetrics(), "delete")
                    .containsEntry(topics.deadLetters(), "delete");

            Await.until("health UP with Kafka Streams RUNNING", WAIT, () -> {
                Http.Response health = Http.get(app.url(), "/health");
                return health.status() == 200 && health.body().contains("RUNNING");
            });
            Http.Response models = Http.get(app.url(), "/models");
            assertThat(models.status()).isEqualTo(200);
            assertThat(models.body()).isEqualTo("[]");
            assertThat(Http.get(app.url(), "/models/nobody").status()).isEqualTo(404);

            byte[] garbage = "{\"modelId\":\"json is not avro\"}".getBytes(StandardCharsets.UTF_8);
            kafka.get().produce(topics.labeledRecords(), "k".getBytes(StandardCharsets.UTF_8), garbage);
            DeadLetter letter = TestRecords.deadLetter(kafka.get().consume(topics.deadLetters(), 1, WAIT).get(0).value());
            assertThat(letter.getErrorClass()).isEqualTo("MALFORMED");
            assertThat(letter.getReason()).contains("not the Avro single-object marker");
            assertThat(TestRecords.bytes(letter.getValue())).isEqualTo(garbage);

            String scrape = Http.get(app.url(), "/prometheus").body();
            assertThat(scrape).containsPattern("credence_trainer_dead_letters_total\\{[^}]*error_class=\"MALFORMED\"[^}]*} 1\\.0");
            assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max");
        }
    }

    @Test
    void startFailsNamingTheFixWhenTheSnapshotTopicIsNotCompacted() {
        TrainerTopics topics = TrainerOverrides.topics("uncompacted", 1);
        kafka.get().createTopic(topics.posteriorSnapshots(), 1, false);

        assertThatThrownBy(() -> TrainerApp.start(TrainerOverrides.of(kafka.get().bootstrapServers(), "uncompacted-trainer", stateDir, topics)))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic " + topics.posteriorSnapshots() + " has cleanup.policy=delete")
                .hasMessageContaining("--add-config cleanup.policy=compact");
    }

    private static String policy(Config config) {
        return config.get("cleanup.policy").value();
    }
}
