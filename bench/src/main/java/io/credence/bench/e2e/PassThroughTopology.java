package io.credence.bench.e2e;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The reference every end-to-end throughput is compared with: a Kafka Streams app that copies the bytes of an app's
 * input topic to an output topic, with the app's processing guarantee, partitions and threads, on the same broker in
 * the same run. Whatever Credence does beyond it (decoding, repartitioning, learning, state) is what the ratio prices.
 */
public final class PassThroughTopology implements AutoCloseable {
    private final KafkaStreams streams;
    private final Object stateChange = new Object();

    private PassThroughTopology(KafkaStreams streams) {
        this.streams = streams;
    }

    /** {@code input} copied to {@code output}, keys and values as raw bytes. */
    public static Topology build(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("in"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("out"));
        return builder.build();
    }

    /** Starts the pass-through of {@code input} to {@code output}; returns before it is RUNNING. */
    public static PassThroughTopology start(String bootstrap, String applicationId, String input, String output,
                                            StreamsShape shape, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, shape.guarantee().config());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, shape.threads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        PassThroughTopology app = new PassThroughTopology(new KafkaStreams(build(input, output), p));
        app.streams.setStateListener((now, before) -> {
            synchronized (app.stateChange) {
                app.stateChange.notifyAll();
            }
        });
        app.streams.start();
        return app;
    }

    /**
     * Waits until the app is RUNNING.
     *
     * @throws IllegalStateException when it is not within {@code timeout}, or fails
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChange) {
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                    throw new IllegalStateException("the pass-through is " + streams.state());
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new IllegalStateException("the pass-through is not RUNNING after " + timeout + ": " + streams.state());
                stateChange.wait(left);
            }
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
    }
}
