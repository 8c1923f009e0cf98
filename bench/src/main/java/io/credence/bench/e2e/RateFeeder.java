package io.credence.bench.e2e;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Calls a send action at a fixed rate on its own thread, on a schedule (record i is due at start + i / rate), so a
 * slow moment is caught up rather than lowering the rate: the offered load stays what was asked.
 */
public final class RateFeeder implements AutoCloseable {
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;
    private volatile long sent;

    /**
     * Starts sending.
     *
     * @param name      thread name
     * @param perSecond records per second
     * @param send      sends record number i (called with 0, 1, 2...)
     */
    public RateFeeder(String name, double perSecond, LongConsumer send) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be > 0, got " + perSecond);
        long intervalNanos = (long) (1e9 / perSecond);
        thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (long i = 0; !closed; i++) {
                    long due = start + i * intervalNanos;
                    for (long wait = due - System.nanoTime(); wait > 0 && !closed; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (closed) break;
                    send.accept(i);
                    sent = i + 1;
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Records sent so far. */
    public long sent() {
        return sent;
    }

    /** Throws if sending failed. */
    public void check() {
        Throwable t = failure.get();
        if (t != null) throw new IllegalStateException(thread.getName() + " failed: " + t, t);
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }
}
