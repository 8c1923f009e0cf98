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
 * The version-5 posterior snapshot (the schema that added the spec's replay), committed as
 * {@code src/test/resources/fixtures/posterior-snapshot-v5.avro}: a heteroscedastic model with Student-t noise, a
 * floor, Polyak averaging and rehearsal, every value explicit or drawn from a seeded {@link Random} (helpers and
 * metrics from the frozen {@link SnapshotFixtureV1}).
 * Nothing here may change once the file is committed; never regenerate it to make the test pass.
 */
final class SnapshotFixtureV5 {

    static final String RESOURCE = "/fixtures/posterior-snapshot-v5.avro";
    static final long VERSION = 5;
    static final long CREATED_AT_MILLIS = 1_765_000_500_000L;
    private static final long SEED = 20_261_208L;

    private SnapshotFixtureV5() {}

    /** Every spec field set explicitly, so that a later change of a core default cannot change the expected spec. */
    static ModelSpec spec() {
        return ModelSpec.regression("fixture-v5", 3)
                .hidden(4)
                .activation(Activation.RELU)
                .prior(new PriorSpec.Gaussian(0.0, 1.0))
                .muInitStd(1.0)
                .rhoInit(-5.0)
                .estimator(Estimator.LOCAL_REPARAMETERIZATION)
                .klMode(KlMode.ANALYTIC)
                .klWeight(0.4)
                .noise(NoiseModel.HETEROSCEDASTIC, 0.5)
                .noiseDegreesOfFreedom(4.0)
                .learningRate(0.003)
                .clipNorm(100.0)
                .averagingDecay(0.999)
                .batchSize(32)
                .stepsPerBatch(1)
                .trainSamples(1)
                .scoreSamples(100)
                .snapshotEvery(20, 5.0)
                .intervalLevel(0.9)
                .streaming(StreamingMode.EFFECTIVE_DATA_SIZE, 10_000, 1.0)
                .replay(2_000, 1, 400.0)
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
