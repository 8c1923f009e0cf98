package io.credence.bench.e2e;

import io.credence.kit.TopicTail;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * A {@link TopicTail.Handler} that counts what an app has completed, as a weight per output record (1 per
 * prediction, the batch size of a training-metrics record), and lets the driver wait for a total. Times are the
 * broker's append times of the outputs ({@link Pipeline#create} sets LogAppendTime on output topics).
 */
public final class Progress implements TopicTail.Handler {
    private final ToLongFunction<byte[]> weight;
    private long total;
    private long firstMillis = Long.MAX_VALUE;
    private long atFirst;
    private long lastMillis = Long.MIN_VALUE;

    /** @param weight completed inputs that one output value stands for */
    public Progress(ToLongFunction<byte[]> weight) {
        this.weight = weight;
    }

    @Override
    public synchronized void accept(ConsumerRecord<byte[], byte[]> record, long observedNanos) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
            throw new IllegalStateException(record.topic() + " does not use LogAppendTime: output times would be the inputs'");
        }
        long w = weight.applyAsLong(record.value());
        if (w == 0) return;
        long appended = record.timestamp();
        if (appended < firstMillis) {
            firstMillis = appended;
            atFirst = 0;
        }
        if (appended == firstMillis) atFirst += w;
        total += w;
        lastMillis = Math.max(lastMillis, appended);
        notifyAll();
    }

    /**
     * The first output: when the broker appended it, and how many inputs the outputs appended in that millisecond
     * cover.
     *
     * @param millis epoch ms of the earliest output (Long.MAX_VALUE before any)
     * @param inputs inputs the outputs of that millisecond report
     */
    public record First(long millis, long inputs) {}

    /** The earliest output seen so far. */
    public synchronized First first() {
        return new First(firstMillis, atFirst);
    }

    /**
     * Waits until at least {@code target} inputs are complete (their outputs visible) and returns the epoch ms at which
     * the broker appended the last of those outputs.
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
            return lastMillis;
        }
    }
}
