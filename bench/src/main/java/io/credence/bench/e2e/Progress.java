package io.credence.bench.e2e;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * A {@link TopicTail.Handler} that counts what an app has completed, as a weight per output record (1 per
 * prediction, the batch size of a training-metrics record), and lets the driver wait for a total.
 */
public final class Progress implements TopicTail.Handler {
    private final ToLongFunction<byte[]> weight;
    private long total;
    private long firstNanos;
    private long atFirst;
    private long lastNanos;

    /** @param weight completed inputs that one output value stands for */
    public Progress(ToLongFunction<byte[]> weight) {
        this.weight = weight;
    }

    @Override
    public synchronized void accept(ConsumerRecord<byte[], byte[]> record, long observedNanos) {
        long w = weight.applyAsLong(record.value());
        if (w == 0) return;
        if (total == 0) firstNanos = observedNanos;
        if (observedNanos == firstNanos) atFirst += w; // records of the first poll share its time
        total += w;
        lastNanos = observedNanos;
        notifyAll();
    }

    /**
     * The first visible output: when it was seen, and how many inputs the outputs seen at that moment cover.
     *
     * @param nanos  {@link System#nanoTime()} of the first poll that returned output (0 before any)
     * @param inputs inputs that poll's outputs report
     */
    public record First(long nanos, long inputs) {}

    /** The first visible output. */
    public synchronized First first() {
        return new First(firstNanos, atFirst);
    }

    /**
     * Waits until at least {@code target} inputs are complete and returns the {@link System#nanoTime()} at which the
     * output reporting the last of them became visible.
     *
     * @throws IllegalStateException when {@code timeout} passes first, or the tail fails
     */
    public long await(long target, Duration timeout, TopicTail tail) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (total < target) {
                tail.check();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("only " + total + " of " + target + " inputs completed within " + timeout);
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 500)));
            }
            return lastNanos;
        }
    }
}
