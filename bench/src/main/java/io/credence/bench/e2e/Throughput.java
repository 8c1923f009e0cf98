package io.credence.bench.e2e;

import io.credence.kit.TopicTail;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The timing protocol shared by every end-to-end throughput: tail the app's output, start the app on input that is
 * already in its topic, start the clock when Kafka Streams reports RUNNING (so start-up is not counted), and stop it
 * at the broker's append time of the output covering the last input, once that output is visible to a downstream
 * consumer; records/s = inputs / elapsed. Append times make the end exact to the millisecond: the visibility of the
 * last output lags by up to a commit interval and a poll, which would dominate a fast pass-through's run. With several
 * stream threads the instance reports RUNNING only once every thread is, and a thread assigned early may already have
 * produced output: then the clock starts at the first output's append time and the inputs it covers are not counted.
 */
final class Throughput {
    /** Shortest run timed: append times have millisecond resolution. */
    static final long MIN_MILLIS = 20;

    private Throughput() {}

    /**
     * @param context  the run
     * @param start    starts the app (returns before RUNNING)
     * @param output   the topic whose records report completed inputs
     * @param weight   completed inputs per output value
     * @param inputs   inputs waiting in the app's input topic
     * @param readCommitted whether to read the output as an exactly-once consumer would
     * @return inputs per second
     */
    static double measure(E2eContext context, Supplier<RunningApp> start, String output, ToLongFunction<byte[]> weight,
                          long inputs, boolean readCommitted) throws InterruptedException {
        Progress progress = new Progress(weight);
        try (TopicTail tail = new TopicTail(context.bootstrap(), output, readCommitted, progress);
             RunningApp app = start.get()) {
            app.awaitRunning(context.timeout());
            long running = System.currentTimeMillis(); // the broker runs on this machine: same clock as append times
            long t1 = progress.await(inputs, context.timeout(), tail);
            Progress.First first = progress.first();
            boolean outputFirst = first.millis() < running;
            long t0 = outputFirst ? first.millis() : running;
            long counted = outputFirst ? inputs - first.inputs() : inputs;
            if (t1 - t0 < MIN_MILLIS || counted <= 0) {
                throw new IllegalStateException("the " + inputs + " inputs took " + (t1 - t0) + " ms: too few to time, use more records");
            }
            return counted / ((t1 - t0) / 1e3);
        }
    }
}
