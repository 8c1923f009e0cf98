package io.credence.cli.deploy;

import io.credence.schemas.registry.StandInRegistry;

import java.util.Optional;

/**
 * A schema registry for integration tests: Confluent's own {@code confluentinc/cp-schema-registry} in a container
 * ({@link DockerRegistry}, with its own Kafka for storage) when a Docker daemon answers, as the project's
 * {@code KafkaFixture} picks Testcontainers' Kafka; otherwise the {@link StandInRegistry}, which implements Confluent's
 * documented REST API in this JVM.
 */
final class RegistryFixture implements AutoCloseable {

    private final String url;
    private final Runnable stop;
    private final StandInRegistry standIn;

    private RegistryFixture(String url, Runnable stop, StandInRegistry standIn) {
        this.url = url;
        this.stop = stop;
        this.standIn = standIn;
    }

    /** Starts the real registry when Docker is reachable, else the stand-in; returns once it answers. */
    static RegistryFixture start() {
        if (DockerRegistry.dockerAvailable()) {
            DockerRegistry.Started started = DockerRegistry.start();
            return new RegistryFixture(started.url(), started.stop(), null);
        }
        StandInRegistry registry = StandInRegistry.start();
        return new RegistryFixture(registry.url(), registry::close, registry);
    }

    /** The registry's base URL, reachable from this host. */
    String url() {
        return url;
    }

    /** The stand-in, whose requests can be counted; empty for the real registry. */
    Optional<StandInRegistry> standIn() {
        return Optional.ofNullable(standIn);
    }

    /** What serves the registry, for messages. */
    String describe() {
        return standIn != null ? "the stand-in registry (Confluent's REST API, in this JVM)" : DockerRegistry.IMAGE.asCanonicalNameString();
    }

    @Override
    public void close() {
        stop.run();
    }
}
