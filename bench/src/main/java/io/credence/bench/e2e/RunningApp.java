package io.credence.bench.e2e;

import io.credence.app.EmbeddedApp;

import java.time.Duration;

/** An app under measurement, started in this JVM: a trainer, a scorer or a pass-through. */
interface RunningApp extends AutoCloseable {
    /** Blocks until Kafka Streams is RUNNING, or throws. */
    void awaitRunning(Duration timeout) throws InterruptedException;

    @Override
    void close();

    static RunningApp of(EmbeddedApp app) {
        return new RunningApp() {
            @Override public void awaitRunning(Duration timeout) throws InterruptedException { app.awaitRunning(timeout); }
            @Override public void close() { app.close(); }
        };
    }

    static RunningApp of(PassThroughTopology app) {
        return new RunningApp() {
            @Override public void awaitRunning(Duration timeout) throws InterruptedException { app.awaitRunning(timeout); }
            @Override public void close() { app.close(); }
        };
    }
}
