package io.credence.system.harness;

import io.credence.kit.PacedFeeder;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Good input arriving steadily while faults happen: every tick, one mini-batch of labeled records per model
 * (y = sin(x) + noise, keyed by model id so each model's order is fixed) and some feature records (keyed by request
 * id), written to labeled-records and feature-records and acknowledged before the next tick. Counts what it wrote, so
 * a test can compare it with what the apps produced. Seeded: the same ticks write the same records.
 */
public final class Feeder implements AutoCloseable {

    /** Input topic of the trainer. */
    public static final String LABELED = "labeled-records";
    /** Input topic of the scorer. */
    public static final String FEATURES = "feature-records";

    private final Kafka kafka;
    private final List<String> models;
    private final int featuresPerTick;
    private final Map<String, Random> labelNoise = new LinkedHashMap<>();
    private final Random featureNoise = new Random(7);
    private final Map<String, Long> labeled = new LinkedHashMap<>();
    private final Set<String> requests = new HashSet<>();
    private long ticks;
    private PacedFeeder pace;

    /** A feeder of {@code models}, writing {@code featuresPerTick} feature records a tick (0: none). */
    public Feeder(Kafka kafka, List<String> models, int featuresPerTick) {
        this.kafka = kafka;
        this.models = List.copyOf(models);
        this.featuresPerTick = featuresPerTick;
        for (int i = 0; i < models.size(); i++) {
            labelNoise.put(models.get(i), new Random(100 + i));
            labeled.put(models.get(i), 0L);
        }
    }

    /** Starts writing ticks, the next one {@code period} after the previous one is acknowledged. */
    public Feeder start(Duration period) {
        pace = PacedFeeder.withDelay("feeder", period, i -> tick());
        return this;
    }

    /** Stops after the tick in progress, and fails if any tick failed. */
    public void stop() {
        pace.close();
    }

    /** Labeled records written for {@code model} so far (a multiple of {@link AppConfig#BATCH}). */
    public synchronized long labeled(String model) {
        return labeled.get(model);
    }

    /** Request ids of the feature records written so far. */
    public synchronized Set<String> requests() {
        return Collections.unmodifiableSet(new HashSet<>(requests));
    }

    /** Ticks written so far. */
    public synchronized long ticks() {
        return ticks;
    }

    private synchronized void tick() {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (String model : models) {
            Random r = labelNoise.get(model);
            long n = labeled.get(model);
            for (int i = 0; i < AppConfig.BATCH; i++) {
                double x = -3 + 6 * r.nextDouble();
                out.add(new ProducerRecord<>(LABELED, Wire.utf8(model),
                        Wire.labeled(model, model + "-" + (n + i), new double[] {x}, Math.sin(x) + 0.1 * r.nextGaussian())));
            }
        }
        List<String> newRequests = new ArrayList<>();
        for (int i = 0; i < featuresPerTick; i++) {
            String model = models.get(i % models.size());
            String id = "req-" + ticks + "-" + i;
            newRequests.add(id);
            out.add(new ProducerRecord<>(FEATURES, Wire.utf8(id),
                    Wire.feature(model, id, new double[] {-3 + 6 * featureNoise.nextDouble()}, null)));
        }
        kafka.produce(out);
        for (String model : models) labeled.merge(model, (long) AppConfig.BATCH, Long::sum);
        requests.addAll(newRequests);
        ticks++;
    }

    @Override
    public void close() {
        if (pace != null) pace.close();
    }
}
