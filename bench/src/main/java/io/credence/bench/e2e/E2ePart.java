package io.credence.bench.e2e;

import java.util.Arrays;
import java.util.Locale;

/** One group of end-to-end measurements, selectable with {@code --only}. */
public enum E2ePart {
    /** Trainer vs pass-through at each batch size and guarantee (13-50-1, one model). */
    TRAINER,
    /** Scorer vs pass-through and vs the PyTorch reference at each sample count. */
    SCORER,
    /** POST /predict p50/p99 and snapshot-to-first-use latency. */
    LATENCY,
    /** Resident memory of trainer and scorer in child JVMs. */
    MEMORY,
    /** Trainer throughput vs number of models. */
    MODELS,
    /** Trainer throughput vs hidden width, and of a large model (13-512-512-1). */
    HIDDEN,
    /** Trainer and scorer throughput vs partitions and stream threads. */
    PARALLELISM,
    /** Trainer and scorer throughput in the Confluent wire format with a schema registry vs single-object encoding. */
    REGISTRY;

    /** The part named {@code name}, case-insensitive. */
    public static E2ePart parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown part " + name + ", expected one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
