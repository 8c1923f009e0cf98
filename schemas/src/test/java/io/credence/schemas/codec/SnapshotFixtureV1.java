package io.credence.schemas.codec;

import io.credence.avro.TrainingMetrics;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.metrics.PrequentialSummary;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;

import java.util.List;
import java.util.Random;

/**
 * The version-1 posterior snapshot committed as {@code src/test/resources/fixtures/posterior-snapshot-v1.avro}: every
 * value is explicit or drawn from a seeded {@link Random}, so the test can rebuild the expected content without reading
 * it from the file. Self-contained on purpose: nothing here may change once the file is committed.
 *
 * <p>The file was written once, under the version-1 schema, by a {@code main} method removed when that schema changed
 * (it would now write version-2 bytes); a failing decode means the wire format changed incompatibly, or an older schema
 * must be registered in AvroCodecs.
 */
final class SnapshotFixtureV1 {

    static final String RESOURCE = "/fixtures/posterior-snapshot-v1.avro";
    static final long VERSION = 1;
    static final long CREATED_AT_MILLIS = 1_700_000_000_000L;
    private static final long SEED = 20_240_601L;

    private SnapshotFixtureV1() {}

    /**
     * Every spec field set explicitly, so that a later change of a core default cannot change the expected spec; those
     * the version-1 schema predates at the value a snapshot without them decodes to, except replay, which decodes to
     * the core default and so is left to the builder.
     */
    static ModelSpec spec() {
        return ModelSpec.regression("fixture-v1", 3)
                .network(n -> n.withHidden(4)
                        .withActivation(Activation.TANH))
                .variational(v -> v.withPrior(new PriorSpec.Gaussian(0.0, 0.75))
                        .withMuInitStd(1.0)
                        .withRhoInit(-5.0)
                        .withEstimator(Estimator.LOCAL_REPARAMETERIZATION)
                        .withKlMode(KlMode.ANALYTIC)
                        .withKlWeight(1.0))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.5)
                        .withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY))
                .optimiser(o -> o.withLearningRate(0.01)
                        .withClipNorm(10.0)
                        .withAveragingDecay(0.0)
                        .withBatchSize(16)
                        .withStepsPerBatch(1))
                .variational(v -> v.withTrainSamples(1))
                .scoring(sc -> sc.withScoreSamples(100))
                .streaming(s -> s.withSnapshotEvery(20, 5.0))
                .scoring(sc -> sc.withIntervalLevel(0.9))
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, 10_000, 1.0))
                .seed(42)
                .build();
    }

    static Posterior posterior() {
        Random random = new Random(SEED);
        LayerPosterior hidden = new LayerPosterior(3, 4, floats(random, 12), floats(random, 12), floats(random, 4), floats(random, 4));
        LayerPosterior output = new LayerPosterior(4, 1, floats(random, 4), floats(random, 4), floats(random, 1), floats(random, 1));
        double noiseLogSigma = random.nextDouble() - 1.5;
        StandardizerState inputs = new StandardizerState(1000, doubles(random, 3), doubles(random, 3));
        StandardizerState target = new StandardizerState(1000, doubles(random, 1), doubles(random, 1));
        return new Posterior(spec(), List.of(hidden, output), noiseLogSigma, Double.NaN, inputs, target, 1000, 62);
    }

    static TrainingMetrics metrics() {
        PrequentialSummary cumulative = new PrequentialSummary(1000, 0.52, 0.81, 0.29, 0.88, Double.NaN);
        PrequentialSummary decayed = new PrequentialSummary(632.1, 0.47, 0.77, 0.27, 0.9, Double.NaN);
        StepReport report = new StepReport(true, -1.25, 37.5, 0.93, 16, cumulative, decayed, 1000, 62, 0);
        return MetricsCodec.toAvro("fixture-v1", 0, report, CREATED_AT_MILLIS - 1);
    }

    static float[] floats(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (random.nextFloat() - 0.5f) * 2;
        return v;
    }

    static double[] doubles(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextDouble() * 100;
        return v;
    }
}
