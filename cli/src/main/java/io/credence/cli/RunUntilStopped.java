package io.credence.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server command alive until the JVM is asked to stop (Ctrl-C, SIGTERM). */
final class RunUntilStopped {

    private RunUntilStopped() {}

    /**
     * Blocks until shutdown, for a Micronaut app: Micronaut's own shutdown hook closes it (a second hook closing the
     * same context would deadlock with it).
     */
    static void awaitApp() throws InterruptedException {
        new CountDownLatch(1).await(); // the JVM ends this wait when it exits
    }

    /** Blocks until shutdown; {@code resource} is closed by a shutdown hook. */
    static void await(AutoCloseable resource, String name) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println(name + ": error while stopping: " + ErrorReporter.message(e));
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        stopped.await();
    }
}
