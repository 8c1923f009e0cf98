package io.credence.bench.core;

import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.trainer.metrics.TrainerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What one model costs a trainer instance, with the default spec: in memory, a learner that has learned one mini-batch
 * (heap after a GC and resident memory, per model, over {@code MODELS} learners) and a full replay window (as
 * {@link ReplayFootprint} measures it), and the model's Prometheus meters (which stay after
 * the learner leaves memory); in the state stores, its checkpoint (TrainerState as the learner store keeps it) and,
 * on posterior-snapshots, its snapshot. From them, an instance holding {@code TOTAL} models with
 * {@code max-models-in-memory} learners in memory.
 * Usage: {@code ModelFootprint [FEATURES] [MODELS] [TOTAL] [IN_MEMORY]} (defaults 13, 2000, 100000, 1000).
 */
public final class ModelFootprint {
    private ModelFootprint() {}

    public static void main(String[] args) throws IOException {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 13;
        int models = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int total = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int inMemory = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        ModelSpec spec = ModelSpec.regression("footprint-model", features).build();
        Random r = new Random(1);

        // Each part measured on a fresh heap: the replay window, the meters (over more models: a few KiB each), the learners.
        int windowModels = 10;
        ModelSpec noReplay = spec.toBuilder().streaming(s -> s.withReplay(0, 0, 0)).build();
        int capacity = spec.streaming().replayCapacity();
        double windowFull = (ReplayFootprint.heapOf(spec, capacity, windowModels)
                - ReplayFootprint.heapOf(noReplay, capacity, windowModels)) / (double) windowModels;

        int meterModels = 20_000;
        long meters0 = usedAfterGc();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrainerMetrics metrics = new TrainerMetrics(registry);
        var report = OnlineLearner.create(spec).learn(new double[][] {new double[features]}, new double[] {0}, null);
        for (int m = 0; m < meterModels; m++) {
            String id = "model-" + m;
            metrics.update(id, report, Duration.ofMillis(1));
            metrics.snapshotPublished(id);
        }
        double metersHeap = (usedAfterGc() - meters0) / (double) meterModels;
        if (registry.getMeters().isEmpty()) throw new IllegalStateException("no meters registered");

        long heap0 = usedAfterGc();
        long rss0 = residentBytes();
        List<OnlineLearner> learners = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            OnlineLearner learner = OnlineLearner.create(spec.toBuilder().modelId("model-" + m).build());
            double[][] x = new double[spec.optimiser().batchSize()][features];
            double[] y = new double[spec.optimiser().batchSize()];
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < features; j++) x[i][j] = r.nextGaussian();
                y[i] = x[i][0] + 0.1 * r.nextGaussian();
            }
            learner.learn(x, y, null);
            learners.add(learner);
        }
        double learnerHeap = (usedAfterGc() - heap0) / (double) models;
        double learnerResident = (residentBytes() - rss0) / (double) models;
        OnlineLearner one = learners.get(0);
        int checkpoint = AvroCodecs.trainerState().encode(LearnerStateCodec.toAvro(one.state(), 1, 0).build()).length;
        int snapshot = AvroCodecs.posteriorSnapshot().encode(PosteriorCodec.toAvro(one.posterior(), 1, 0, null)).length;
        learners.clear();


        double windowStore = spec.streaming().replayCapacity() * (2 + features) * (double) Float.BYTES;
        System.out.printf(Locale.ROOT, "default spec (%d features, hidden %s, %,d weights and biases, replay window %,d), %,d models measured%n",
                features, spec.network().hidden(), spec.parameterCount(), spec.streaming().replayCapacity(), models);
        System.out.printf(Locale.ROOT, "in memory, per learner after one batch: heap %.0f KiB, resident %.0f KiB; a full replay window adds %.0f KiB of heap%n",
                learnerHeap / 1024, learnerResident / 1024, windowFull / 1024);
        System.out.printf(Locale.ROOT, "in memory, per model whether loaded or not: Prometheus meters %.1f KiB%n", metersHeap / 1024);
        System.out.printf(Locale.ROOT, "in the stores, per model: checkpoint %.0f KiB, replay window %.0f KiB when full; snapshot %.0f KiB on posterior-snapshots%n",
                checkpoint / 1024.0, windowStore / 1024, snapshot / 1024.0);
        double residentAll = Math.min(total, inMemory) * (learnerResident + windowFull) + total * metersHeap;
        double diskAll = total * (checkpoint + windowStore);
        System.out.printf(Locale.ROOT, "%,d models on one instance, %,d learners in memory (full windows): about %.1f GiB of memory and %.1f GiB of state (before RocksDB's compression)%n",
                total, Math.min(total, inMemory), residentAll / (1L << 30), diskAll / (1L << 30));
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of this process, bytes. */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
