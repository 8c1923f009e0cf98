package io.credence.bench.e2e;

/**
 * What an app and its pass-through reference share in one comparison: the processing guarantee, the partitions of
 * every topic, and the Kafka Streams threads per instance.
 *
 * @param guarantee  exactly-once or at-least-once
 * @param partitions partitions of the input, output and internal topics
 * @param threads    {@code num.stream.threads}
 */
public record StreamsShape(Guarantee guarantee, int partitions, int threads) {
    public StreamsShape {
        if (guarantee == null) throw new IllegalArgumentException("guarantee must be set");
        if (partitions < 1 || threads < 1) {
            throw new IllegalArgumentException("partitions and threads must be >= 1, got " + partitions + " and " + threads);
        }
    }

    /** e.g. {@code eos.p3.t1} */
    public String key() {
        return guarantee.shortName() + ".p" + partitions + ".t" + threads;
    }
}
