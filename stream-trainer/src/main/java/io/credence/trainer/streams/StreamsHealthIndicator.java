package io.credence.trainer.streams;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.Map;

/** Reports the Kafka Streams state on /health: DOWN once the client is in ERROR, shutting down or not running. */
@Singleton
public class StreamsHealthIndicator implements HealthIndicator {

    private final TrainerStreams streams;

    StreamsHealthIndicator(TrainerStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        HealthStatus status = switch (state) {
            case CREATED, REBALANCING, RUNNING -> HealthStatus.UP;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> HealthStatus.DOWN;
        };
        return Publishers.just(HealthResult.builder("kafkaStreams", status).details(Map.of("state", state.name())).build());
    }
}
