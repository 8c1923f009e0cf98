package io.credence.broker;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a container, via Testcontainers; only loaded by {@link KafkaFixture} after it found Testcontainers on the
 * classpath, so modules without that test dependency never touch this class.
 */
final class DockerKafka {

    /** The same Kafka release as the embedded broker and the clients. */
    static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.3.1");

    /** A started container and its plaintext address. */
    record Started(String bootstrapServers, AutoCloseable container) {
    }

    private DockerKafka() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // closed through Started.container by KafkaFixture.close()
    static Started start() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_GROUP_STREAMS_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        container.start();
        return new Started(container.getBootstrapServers(), container::stop);
    }
}
