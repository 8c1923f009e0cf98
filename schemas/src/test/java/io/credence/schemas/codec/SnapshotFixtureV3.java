package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
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
import io.credence.schemas.serde.AvroCodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The version-3 posterior snapshot (the schema that added the noise's degreesOfFreedom), committed as
 * {@code src/test/resources/fixtures/posterior-snapshot-v3.avro}: a heteroscedastic model with Student-t noise and a
 * floor, every value explicit or drawn from a seeded {@link Random} (helpers and metrics from the frozen {@link SnapshotFixtureV1}).
 * Nothing here may change once the file is committed; never regenerate it to make the test pass.
 */
final class SnapshotFixtureV3 {

    static final String RESOURCE = "/fixtures/posterior-snapshot-v3.avro";
    static final long VERSION = 3;
    static final long CREATED_AT_MILLIS = 1_765_000_300_000L;
    private static final long SEED = 20_261_207L;

    private SnapshotFixtureV3() {}

    /**
     * Every spec field set explicitly, so that a later change of a core default cannot change the expected spec; those
     * the version-3 schema predates at the value a snapshot without them decodes to, except replay, which decodes to
     * the core default and so is left to the builder.
     */
    static ModelSpec spec() {
        return ModelSpec.regression("fixture-v3", 3)
                .network(n -> n.withHidden(4)
                        .withActivation(Activation.RELU))
                .variational(v -> v.withPrior(new PriorSpec.Gaussian(0.0, 1.0))
                        .withMuInitStd(1.0)
                        .withRhoInit(-5.0)
                        .withEstimator(Estimator.LOCAL_REPARAMETERIZATION)
                        .withKlMode(KlMode.ANALYTIC)
                        .withKlWeight(0.5))
                .likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 0.5)
                        .withNoiseDegreesOfFreedom(4.0))
                .optimiser(o -> o.withLearningRate(0.003)
                        .withClipNorm(100.0)
                        .withAveragingDecay(0.0)
                        .withBatchSize(32)
                        .withStepsPerBatch(1))
                .variational(v -> v.withTrainSamples(1))
                .scoring(sc -> sc.withScoreSamples(100))
                .streaming(s -> s.withSnapshotEvery(20, 5.0))
                .scoring(sc -> sc.withIntervalLevel(0.9))
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, 10_000, 1.0))
                .seed(7)
                .build();
    }

    static Posterior posterior() {
        Random random = new Random(SEED);
        LayerPosterior hidden = new LayerPosterior(3, 4, SnapshotFixtureV1.floats(random, 12), SnapshotFixtureV1.floats(random, 12),
                SnapshotFixtureV1.floats(random, 4), SnapshotFixtureV1.floats(random, 4));
        LayerPosterior output = new LayerPosterior(4, 2, SnapshotFixtureV1.floats(random, 8), SnapshotFixtureV1.floats(random, 8),
                SnapshotFixtureV1.floats(random, 2), SnapshotFixtureV1.floats(random, 2));
        double logVarianceFloor = random.nextDouble() - 5;
        StandardizerState inputs = new StandardizerState(2000, SnapshotFixtureV1.doubles(random, 3), SnapshotFixtureV1.doubles(random, 3));
        StandardizerState target = new StandardizerState(2000, SnapshotFixtureV1.doubles(random, 1), SnapshotFixtureV1.doubles(random, 1));
        return new Posterior(spec(), List.of(hidden, output), Double.NaN, logVarianceFloor, inputs, target, 2000, 63);
    }

    static PosteriorSnapshot snapshot() {
        return PosteriorCodec.toAvro(posterior(), VERSION, CREATED_AT_MILLIS, SnapshotFixtureV1.metrics());
    }

    /** Writes the fixture; run once from the module directory with the test classpath. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources" + RESOURCE);
        Files.write(file, AvroCodecs.posteriorSnapshot().encode(snapshot()));
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
