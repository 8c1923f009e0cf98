package io.credence.schemas;

import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainerState;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.inference.LearnerState;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.metrics.PrequentialSummary;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.predictive.PredictiveDraws;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.Task;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.codec.MetricsCodec;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.codec.PredictionCodec;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic core objects and Avro records for tests, each drawn from a java.util.Random with the given seed. */
public final class Samples {

    public static final long TIME = 1_700_000_000_000L;

    private Samples() {}

    /** A posterior of {@code spec} with every parameter and standardiser value drawn from {@code random}. */
    public static Posterior posterior(ModelSpec spec, Random random) {
        int[] widths = spec.layerWidths();
        List<LayerPosterior> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            int in = widths[i];
            int out = widths[i + 1];
            layers.add(new LayerPosterior(in, out, floats(random, in * out), floats(random, in * out),
                    floats(random, out), floats(random, out)));
        }
        boolean regression = spec.task() == Task.REGRESSION;
        double noiseLogSigma = regression && spec.likelihood().noiseModel() != NoiseModel.HETEROSCEDASTIC
                ? random.nextDouble() - 1 : Double.NaN;
        double logVarianceFloor = regression && spec.likelihood().noiseModel() == NoiseModel.HETEROSCEDASTIC
                ? random.nextDouble() - 4 : Double.NaN;
        StandardizerState inputs = standardizer(random, spec.features());
        StandardizerState target = regression ? standardizer(random, 1) : null;
        return new Posterior(spec, layers, noiseLogSigma, logVarianceFloor, inputs, target, 1000 + random.nextInt(1000), 10 + random.nextInt(100));
    }

    /** A learner state around {@link #posterior}; the posterior-as-prior tensors and the Polyak average only when asked. */
    public static LearnerState learnerState(ModelSpec spec, Random random, boolean withPrior) {
        Posterior p = posterior(spec, random);
        int n = (int) (2 * spec.parameterCount() + 1);
        return new LearnerState(p, 17, floats(random, n), floats(random, n),
                withPrior ? floats(random, (int) spec.parameterCount()) : null,
                withPrior ? floats(random, (int) spec.parameterCount()) : null,
                123, doubles(random, 9), 2, withPrior ? floats(random, n) : null, 4096.5, List.of());
    }

    /** A small textbook regression ({@link ClassicSpecs}): homoscedastic, so its snapshots carry a noise scale. */
    public static ModelSpec regressionSpec() {
        return ClassicSpecs.regression("house-prices", 3).network(n -> n.withHidden(4)).build();
    }

    public static ModelSpec classificationSpec() {
        return ModelSpec.classification("iris", 4, 3).network(n -> n.withHidden(5, 6))
                .variational(v -> v.withPrior(new PriorSpec.ScaleMixture(0.25, 1.5, 0.002))).build();
    }

    public static StepReport stepReport(Random random) {
        PrequentialSummary regression = new PrequentialSummary(100, random.nextDouble(), random.nextDouble(),
                random.nextDouble(), random.nextDouble(), Double.NaN);
        PrequentialSummary decayed = new PrequentialSummary(63.5, random.nextDouble(), random.nextDouble(),
                random.nextDouble(), random.nextDouble(), Double.NaN);
        return new StepReport(true, -random.nextDouble(), random.nextDouble() * 50, random.nextDouble(), 32,
                regression, decayed, 3200, 100, 1);
    }

    public static PredictiveSummary regressionSummary() {
        return new PredictiveSummary(2.5, 0.5, 0.3, 0.4, 0.9, 1.68, 3.32,
                new double[]{0.05, 0.5, 0.95}, new double[]{1.68, 2.5, 3.32}, null, -1, Double.NaN, Double.NaN, 100);
    }

    public static PredictiveSummary classificationSummary() {
        return new PredictiveSummary(0.7, 0.1, 0.1, 0, 0.9, Double.NaN, Double.NaN, new double[0], new double[0],
                new double[]{0.2, 0.7, 0.1}, 1, 0.8018, 0.05, 50);
    }

    /** One record of every top-level type, filled with non-default values where the schema allows. */
    public static List<SpecificRecord> everyTopLevelRecord() {
        Random random = new Random(7);
        TrainingMetrics metrics = MetricsCodec.toAvro("house-prices", 3, stepReport(random), TIME);
        PosteriorSnapshot snapshot = PosteriorCodec.toAvro(posterior(regressionSpec(), random), 3, TIME, metrics);
        TrainerState state = LearnerStateCodec.toAvro(learnerState(classificationSpec(), random, true), 4, TIME)
                .setLastMetrics(metrics)
                .setPendingFeatures(List.of(List.of(1.0, 2.0, 3.0, 4.0), List.of(5.0, 6.0, 7.0, 8.0)))
                .setPendingLabels(List.of(0.0, 2.0))
                .setPendingWeights(List.of(1.0, 0.5))
                .setLastSnapshotMillis(TIME - 5000)
                .setUpdatesSinceSnapshot(3)
                .setLastRecordMillis(TIME - 10)
                .build();
        LabeledRecord labeled = LabeledRecord.newBuilder().setModelId("house-prices").setRecordId("r-1")
                .setFeatures(List.of(1.5, -2.0, 3.25)).setLabel(4.5).setEventTime(Instant.ofEpochMilli(TIME))
                .setWeight(0.5).build();
        FeatureRecord features = FeatureRecord.newBuilder().setModelId("house-prices").setRequestId("q-1")
                .setFeatures(List.of(1.5, -2.0, 3.25)).setEventTime(Instant.ofEpochMilli(TIME)).setSamples(200)
                .setIncludeDraws(true).build();
        Prediction prediction = PredictionCodec.toAvro("house-prices", "q-1", 3, regressionSummary(),
                new PredictiveDraws(new double[] {2.25, 2.75}, new double[] {0.4, 0.4}, null), 99, TIME, TIME + 4);
        DeadLetter dead = DeadLetters.of("stream-trainer", "labeled-records", 2, 41, "MALFORMED", "bad bytes",
                new byte[]{1, 2}, new byte[]{(byte) 0xC3, 0x01, 7}, TIME);
        return List.of(labeled, features, prediction, snapshot, dead, state,
                ModelSpecCodec.toAvro(classificationSpec()), metrics);
    }

    public static float[] floats(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (random.nextFloat() - 0.5f) * 4;
        return v;
    }

    static double[] doubles(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextDouble() * 10;
        return v;
    }

    private static StandardizerState standardizer(Random random, int columns) {
        return new StandardizerState(500 + random.nextInt(500), doubles(random, columns), doubles(random, columns));
    }
}
