package io.credence.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * Reports the app's Kafka Streams state on GET /health: UP while running or rebalancing, UNKNOWN before it has
 * started, DOWN once it is stopping, stopped or failed.
 */
@Singleton
public class StreamsHealthIndicator implements HealthIndicator {
    private final StreamsApp app;

    StreamsHealthIndicator(StreamsApp app) {
        this.app = app;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = app.state();
        HealthStatus status = switch (state) {
            case RUNNING, REBALANCING -> HealthStatus.UP;
            case CREATED -> HealthStatus.UNKNOWN;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> HealthStatus.DOWN;
        };
        return Publishers.just(HealthResult.builder("kafkaStreams", status).details(Map.of("state", state.name())).build());
    }
}
