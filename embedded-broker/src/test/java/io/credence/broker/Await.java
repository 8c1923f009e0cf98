package io.credence.broker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: the only way the integration tests wait. */
public final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {}

    /**
     * Returns once {@code condition} holds, with how long it took.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
     */
    public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + timeout);
            try {
                Thread.sleep(POLL_MILLIS); // the poll interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
