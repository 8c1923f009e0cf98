package io.credence.app;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Follows a Kafka Streams client's state, so that an app (and its tests) can wait until it is RUNNING. It is the
 * client's state listener: create it before the client starts.
 */
public final class StreamsStateWatch {
    private static final Logger log = LoggerFactory.getLogger(StreamsStateWatch.class);

    private final KafkaStreams streams;
    private final Object change = new Object();

    /** Becomes {@code streams}' state listener, logging every transition. */
    public StreamsStateWatch(KafkaStreams streams, String app) {
        this.streams = streams;
        streams.setStateListener((now, before) -> {
            log.info("{}: Kafka Streams state {} -> {}", app, before, now);
            synchronized (change) {
                change.notifyAll();
            }
        });
    }

    /**
     * Waits until the client is RUNNING (partitions assigned, state restored, global tables loaded).
     *
     * @return false if it is not RUNNING within {@code timeout}
     * @throws IllegalStateException if it stopped or failed instead
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (change) {
            while (streams.state() != KafkaStreams.State.RUNNING) {
                KafkaStreams.State state = streams.state();
                if (state != KafkaStreams.State.CREATED && !state.isRunningOrRebalancing()) {
                    throw new IllegalStateException("Kafka Streams is " + state + ", it will not run");
                }
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) return false;
                change.wait(leftMillis);
            }
        }
        return true;
    }
}
