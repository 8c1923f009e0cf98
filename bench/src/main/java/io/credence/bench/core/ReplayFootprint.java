package io.credence.bench.core;

import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a model's replay window costs: the heap of {@code MODELS} learners of the default spec with full windows
 * against the same learners with rehearsal off, per model, and the bytes the trainer's replay store keeps per model
 * (one entry per learned batch of 256: keys and values as {@code ReplayStore} writes them, before RocksDB's own
 * overhead).
 * Usage: {@code ReplayFootprint [FEATURES] [WINDOW] [MODELS]} (defaults 13, 10000, 20).
 */
public final class ReplayFootprint {
    private ReplayFootprint() {}

    public static void main(String[] args) {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 13;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int models = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ModelSpec spec = ModelSpec.regression("footprint-model", features).optimiser(o -> o.withBatchSize(256))
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, window, 1).withReplay(window, 0, 0))
                .build();
        long withWindow = heapOf(spec, window, models);
        long without = heapOf(spec.toBuilder().streaming(s -> s.withReplay(0, 0, 0)).build(), window, models);
        double perModel = (withWindow - without) / (double) models;
        // ReplayStore: one entry per learned batch, key (id length, id, first ordinal), value (format, first ordinal,
        // count, feature count) then label, weight and features as float32 per record.
        double chunkOverhead = (Integer.BYTES + spec.modelId().length() + Long.BYTES) + (1 + Long.BYTES + 2 * Integer.BYTES);
        double storePerRecord = chunkOverhead / spec.optimiser().batchSize() + (2 + features) * Float.BYTES;
        System.out.printf(Locale.ROOT, "replay window of %,d examples, %d features: heap %.2f MiB per model (%.0f bytes per example; %d models measured), "
                        + "replay store %.2f MiB per model (%.1f bytes per record in chunks of %d)%n",
                window, features, perModel / (1 << 20), perModel / window, models, storePerRecord * window / (1 << 20),
                storePerRecord, spec.optimiser().batchSize());
    }

    /** Heap in use after a GC with {@code models} learners of {@code spec} that have each learned {@code records} records. */
    static long heapOf(ModelSpec spec, int records, int models) {
        Random r = new Random(1);
        List<OnlineLearner> learners = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            OnlineLearner learner = OnlineLearner.create(spec);
            for (int done = 0; done < records; done += spec.optimiser().batchSize()) {
                int b = Math.min(spec.optimiser().batchSize(), records - done);
                double[][] x = new double[b][spec.features()];
                double[] y = new double[b];
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < spec.features(); j++) x[i][j] = r.nextGaussian();
                    y[i] = x[i][0] + r.nextGaussian();
                }
                learner.learn(x, y, null);
            }
            learners.add(learner);
        }
        long used = usedAfterGc();
        if (learners.size() != models) throw new IllegalStateException("kept " + learners.size() + " learners");
        return used;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
