package io.credence.app;

import org.apache.kafka.streams.KafkaStreams;

/** An app's Kafka Streams client as the shared endpoints see it (/health reports its state). */
public interface StreamsApp {

    /** The Kafka Streams state (CREATED, REBALANCING, RUNNING, ERROR...). */
    KafkaStreams.State state();
}
