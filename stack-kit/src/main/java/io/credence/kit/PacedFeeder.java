package io.credence.kit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Calls a step (send record i, write tick i) again and again on a thread of its own, on a schedule: at a fixed rate
 * (step i is due at start + i / rate, so a slow moment is caught up rather than lowering the rate: the offered load
 * stays what was asked), or with a fixed delay between the end of one step and the start of the next (each step
 * finishes, acknowledged, before the next begins, however long a fault holds it up). The first failing step stops it;
 * {@link #check} and {@link #close} report the failure.
 */
public final class PacedFeeder implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;
    private volatile long sent;

    private PacedFeeder(String name, long intervalNanos, boolean fixedRate, LongConsumer step) {
        thread = new Thread(() -> {
            long start = System.nanoTime();
            long due = start;
            try {
                for (long i = 0; !closed; i++) {
                    for (long wait = due - System.nanoTime(); wait > 0 && !closed; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (closed) break;
                    step.accept(i);
                    sent = i + 1;
                    due = fixedRate ? start + (i + 1) * intervalNanos : System.nanoTime() + intervalNanos;
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts calling {@code step} with 0, 1, 2... at {@code perSecond} steps a second, catching up after a slow step.
     *
     * @param name thread name
     */
    public static PacedFeeder atRate(String name, double perSecond, LongConsumer step) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be > 0, got " + perSecond);
        return new PacedFeeder(name, (long) (1e9 / perSecond), true, step);
    }

    /**
     * Starts calling {@code step} with 0, 1, 2..., the first at once, each next one {@code delay} after the previous
     * one returned.
     *
     * @param name thread name
     */
    public static PacedFeeder withDelay(String name, Duration delay, LongConsumer step) {
        if (delay.isNegative()) throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        return new PacedFeeder(name, delay.toNanos(), false, step);
    }

    /** Steps completed so far. */
    public long sent() {
        return sent;
    }

    /**
     * Throws if a step failed.
     *
     * @throws IllegalStateException with the step's failure as cause
     */
    public void check() {
        Throwable t = failure.get();
        if (t != null) throw new IllegalStateException(thread.getName() + " failed: " + t, t);
    }

    /** Stops after the step in progress, then throws as {@link #check} if a step failed. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " did not stop within " + STOP_TIMEOUT);
        check();
    }
}
