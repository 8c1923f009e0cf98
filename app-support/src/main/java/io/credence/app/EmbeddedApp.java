package io.credence.app;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A stream app (stream-trainer or stream-scorer) running inside this JVM, as code that starts one sees it: the CLI's
 * demo, the bench and the tests start apps through {@link Starter}s such as {@code TrainerApp::start} without
 * depending on the app's module.
 */
public interface EmbeddedApp extends AutoCloseable {

    /** Starts an app with configuration overrides (keys of its yml file), e.g. {@code TrainerApp::start}. */
    @FunctionalInterface
    interface Starter {
        /** Starts the app; returns once Kafka Streams has started (it may still be rebalancing). */
        EmbeddedApp start(Map<String, Object> overrides);
    }

    /**
     * Waits until the app's Kafka Streams client is RUNNING.
     *
     * @throws IllegalStateException if it is not RUNNING within {@code timeout}, or stopped or failed instead
     */
    void awaitRunning(Duration timeout) throws InterruptedException;

    /** The HTTP base URL, e.g. http://localhost:8080. */
    URI url();

    /** Stops HTTP and Kafka Streams (committing what was processed). */
    @Override
    void close();
}
