package io.credence.cli.deploy;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Confluent Schema Registry in a container, via Testcontainers: {@code confluentinc/cp-schema-registry} storing its
 * schemas in its own Kafka container ({@code apache/kafka}, the release of the embedded broker) on a private network.
 * Only {@link RegistryFixture} uses it, after Docker answered.
 */
final class DockerRegistry {

    static final DockerImageName IMAGE = DockerImageName.parse("confluentinc/cp-schema-registry:8.0.0");
    static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.3.1");
    private static final int PORT = 8081;

    /** A started registry's base URL, reachable from this host, and how to stop it with its Kafka and network. */
    record Started(String url, Runnable stop) {
    }

    private DockerRegistry() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // stopped through Started.stop by RegistryFixture.close()
    static Started start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(KAFKA).withNetwork(network).withListener("kafka:19092");
        GenericContainer<?> registry = new GenericContainer<>(IMAGE)
                .withNetwork(network)
                .withExposedPorts(PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        try {
            registry.start();
        } catch (RuntimeException e) {
            registry.stop();
            kafka.stop();
            network.close();
            throw e;
        }
        return new Started("http://" + registry.getHost() + ":" + registry.getMappedPort(PORT), () -> {
            registry.stop();
            kafka.stop();
            network.close();
        });
    }
}
