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

    /** A started container's plaintext address and how to stop it. */
    record Started(String bootstrapServers, Runnable stop) {
    }

    private DockerKafka() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // stopped through Started.stop by KafkaFixture.close()
    static Started start() {
        // Testcontainers already sets the single-node replication factors and group.initial.rebalance.delay.ms=0;
        // these match the rest of EmbeddedKafkaBroker's settings that tests can observe.
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_STREAMS_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new Started(container.getBootstrapServers(), container::stop);
    }
}
