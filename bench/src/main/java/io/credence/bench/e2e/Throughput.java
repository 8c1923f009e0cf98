package io.credence.bench.e2e;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The timing protocol shared by every end-to-end throughput: tail the app's output, start the app on input that is
 * already in its topic, start the clock when Kafka Streams reports RUNNING (so start-up is not counted), stop it when
 * the output covering the last input is visible to a downstream consumer; records/s = inputs / elapsed. With several
 * stream threads the instance reports RUNNING only once every thread is, and a thread assigned early may already have
 * produced output: then the clock starts at the first visible output and the inputs it covers are not counted.
 */
final class Throughput {
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
            long running = System.nanoTime();
            Progress.First first = progress.first();
            boolean outputFirst = first.nanos() != 0 && first.nanos() < running;
            long t0 = outputFirst ? first.nanos() : running;
            long counted = outputFirst ? inputs - first.inputs() : inputs;
            long t1 = progress.await(inputs, context.timeout(), tail);
            if (t1 <= t0 || counted <= 0) {
                throw new IllegalStateException("all " + inputs + " inputs were done within one poll of the clock starting: "
                        + "too few to time, use more records");
            }
            return counted / ((t1 - t0) / 1e9);
        }
    }
}
