package io.credence.system.harness;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Tensor;
import io.credence.avro.TrainingMetrics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed training outputs of a run, per model, and the exactly-once checks on them: training-metrics carries
 * one record per mini-batch update with its running {@code updates} and {@code recordsSeen}; posterior-snapshots
 * carries versions. Read under read_committed, an update applied twice would show as a repeated update number, a lost
 * one as a gap.
 */
public final class TrainingLedger {

    private final Map<String, List<TrainingMetrics>> metrics;
    private final Map<String, List<PosteriorSnapshot>> snapshots;

    private TrainingLedger(Map<String, List<TrainingMetrics>> metrics, Map<String, List<PosteriorSnapshot>> snapshots) {
        this.metrics = metrics;
        this.snapshots = snapshots;
    }

    /** The ledger of committed training-metrics and posterior-snapshots records, each in offset order per model. */
    public static TrainingLedger of(List<TrainingMetrics> metrics, List<PosteriorSnapshot> snapshots) {
        Map<String, List<TrainingMetrics>> m = new LinkedHashMap<>();
        for (TrainingMetrics t : metrics) m.computeIfAbsent(t.getModelId(), k -> new java.util.ArrayList<>()).add(t);
        Map<String, List<PosteriorSnapshot>> s = new LinkedHashMap<>();
        for (PosteriorSnapshot p : snapshots) s.computeIfAbsent(p.getModelId(), k -> new java.util.ArrayList<>()).add(p);
        return new TrainingLedger(m, s);
    }

    /** Records trained on so far by {@code model}: recordsSeen of its newest committed update, 0 if none. */
    public long recordsSeen(String model) {
        List<TrainingMetrics> list = metrics.getOrDefault(model, List.of());
        return list.isEmpty() ? 0 : list.get(list.size() - 1).getRecordsSeen();
    }

    /** Committed updates of {@code model}. */
    public int updates(String model) {
        return metrics.getOrDefault(model, List.of()).size();
    }

    /** Versions of {@code model}'s committed snapshots, in offset order. */
    public List<Long> versions(String model) {
        return snapshots.getOrDefault(model, List.of()).stream().map(PosteriorSnapshot::getVersion).toList();
    }

    /**
     * Checks that {@code model} trained each of its {@code produced} records exactly once, in batches of {@code batch}:
     * its committed updates are numbered 1, 2, ..., produced / batch, each exactly once, with recordsSeen = update x
     * batch and no rejected step; its snapshot versions strictly increase.
     */
    public void assertTrainedExactlyOnce(String model, long produced, int batch) {
        List<TrainingMetrics> list = metrics.getOrDefault(model, List.of());
        long expectedUpdates = produced / batch;
        assertThat(list.stream().map(TrainingMetrics::getUpdates).toList())
                .as("update numbers of %s in committed training-metrics: each exactly once, consecutive", model)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedUpdates).boxed().toList());
        assertThat(list.stream().map(TrainingMetrics::getRecordsSeen).toList())
                .as("recordsSeen of %s after each update", model)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedUpdates).map(u -> u * batch).boxed().toList());
        assertThat(list).as("rejected steps of %s", model).allMatch(t -> t.getRejectedSteps() == 0);
        assertVersionsIncrease(model);
    }

    /** Checks that the committed snapshot versions of {@code model} strictly increase, with no repeat. */
    public void assertVersionsIncrease(String model) {
        List<Long> versions = versions(model);
        assertThat(versions).as("snapshot versions of %s", model).isNotEmpty();
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("snapshot %d of %s follows version %d", i, model, versions.get(i - 1))
                    .isGreaterThan(versions.get(i - 1));
        }
    }

    /** How many float32 parameters of {@code snapshot} are NaN or infinite (plus a non-finite noise scale, if any). */
    public static int nonFiniteValues(PosteriorSnapshot snapshot) {
        int bad = 0;
        for (var layer : snapshot.getLayers()) {
            for (Tensor t : List.of(layer.getWeightMu(), layer.getWeightRho(), layer.getBiasMu(), layer.getBiasRho())) {
                ByteBuffer values = t.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                while (values.remaining() >= Float.BYTES) {
                    if (!Float.isFinite(values.getFloat())) bad++;
                }
            }
        }
        Double noise = snapshot.getNoiseLogSigma();
        if (noise != null && !Double.isFinite(noise)) bad++;
        return bad;
    }
}
