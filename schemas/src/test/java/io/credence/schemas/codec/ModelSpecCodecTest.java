package io.credence.schemas.codec;

import io.credence.avro.GaussianPrior;
import io.credence.avro.KlSpec;
import io.credence.avro.NoiseSpec;
import io.credence.avro.OptimizerSpec;
import io.credence.avro.ReplaySpec;
import io.credence.avro.ScaleMixturePrior;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.Task;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSpecCodecTest {

    /** A spec with every field away from its default. */
    static ModelSpec custom() {
        return ModelSpec.regression("custom", 7)
                .network(n -> n.withHidden(32, 16, 8)
                        .withActivation(Activation.TANH))
                .variational(v -> v.withPrior(new PriorSpec.ScaleMixture(0.3, 2.0, 0.01))
                        .withMuInitStd(0.7)
                        .withRhoInit(-4.5)
                        .withEstimator(Estimator.FLIPOUT)
                        .withKlWeight(0.5))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.25)
                        .withNoiseDegreesOfFreedom(4.5))
                .optimiser(o -> o.withLearningRate(0.005)
                        .withClipNorm(0)
                        .withAveragingDecay(0.99)
                        .withBatchSize(64)
                        .withStepsPerBatch(3))
                .variational(v -> v.withTrainSamples(2))
                .scoring(sc -> sc.withScoreSamples(250))
                .streaming(s -> s.withSnapshotEvery(0, 2.5))
                .scoring(sc -> sc.withIntervalLevel(0.8))
                .streaming(s -> s.withStreaming(StreamingMode.POSTERIOR_AS_PRIOR, 5000, 1.25)
                        .withReplay(500, 2, 3.5))
                .seed(-7)
                .build();
    }

    @Test
    void aMinimalAvroSpecTakesEveryCoreDefault() {
        io.credence.avro.ModelSpec regression = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("r").setTask(io.credence.avro.Task.REGRESSION).setFeatures(5).build();
        io.credence.avro.ModelSpec classifier = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("c").setTask(io.credence.avro.Task.CLASSIFICATION).setClasses(4).setFeatures(5).build();

        assertThat(ModelSpecCodec.toCore(regression)).isEqualTo(ModelSpec.regression("r", 5).build());
        assertThat(ModelSpecCodec.toCore(classifier)).isEqualTo(ModelSpec.classification("c", 5, 4).build());
    }

    @Test
    void theCustomSpecDiffersFromTheDefaultInEveryFieldButTheTask() throws Exception {
        ModelSpec custom = custom();
        ModelSpec defaults = ModelSpec.regression("default", 3).build();

        for (var component : ModelSpec.class.getRecordComponents()) {
            // fromWeights needs a Gaussian prior: aSpecStartedFromWeightsRoundTrips covers it.
            if (List.of("task", "classes", "fromWeights").contains(component.getName())) continue;
            assertThat(component.getAccessor().invoke(custom)).as(component.getName())
                    .isNotEqualTo(component.getAccessor().invoke(defaults));
        }
    }

    @Test
    void aSpecWithoutReplayTakesTheDefaultReplayAndAnExplicitReplayRoundTrips() throws DecodeException {
        io.credence.avro.ModelSpec withoutReplay = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("m").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2).setSeed(9L).build();
        ModelSpec defaults = ModelSpec.regression("m", 2).build();
        ModelSpec rehearsing = ModelSpec.regression("m", 2).streaming(s -> s.withReplay(250, 3, 12.5)).build();
        ModelSpec noRehearsal = ModelSpec.regression("m", 2).streaming(s -> s.withReplay(0, 0, 0)).build();

        ModelSpec decoded = ModelSpecCodec.toCore(withoutReplay);

        assertThat(decoded.streaming().replayWindow()).isEqualTo(defaults.streaming().replayWindow()).isEqualTo(10_000);
        assertThat(decoded.streaming().replaySteps()).isEqualTo(defaults.streaming().replaySteps()).isZero();
        assertThat(decoded.streaming().replayBudget()).isEqualTo(defaults.streaming().replayBudget()).isEqualTo(1600.0);
        assertThat(ModelSpecCodec.toAvro(rehearsing).getReplay()).isEqualTo(new ReplaySpec(250, 3, 12.5));
        for (ModelSpec spec : List.of(rehearsing, noRehearsal)) {
            byte[] bytes = AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec));
            assertThat(ModelSpecCodec.toCore(AvroCodecs.modelSpec().decode(bytes))).isEqualTo(spec);
        }
    }

    @Test
    void withinAGivenNoiseOrOptimizerTheirNullFieldsMeanGaussianAndNoAveragingNotTheDefaults() {
        io.credence.avro.ModelSpec avro = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("m").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2)
                .setNoise(NoiseSpec.newBuilder().setModel(io.credence.avro.NoiseModel.HETEROSCEDASTIC).setSigma(0.5).setDegreesOfFreedom(null).build())
                .setOptimizer(OptimizerSpec.newBuilder().setLearningRate(0.003).setClipNorm(100.0).setAveragingDecay(null).build()).build();
        ModelSpec defaults = ModelSpec.regression("m", 2).build();

        ModelSpec spec = ModelSpecCodec.toCore(avro);

        // The defaults are Student-t and averaging, so these nulls must not be read as "the default".
        assertThat(defaults.likelihood().noiseDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(defaults.optimiser().averagingDecay()).isEqualTo(0.999);
        assertThat(spec.likelihood().noiseDegreesOfFreedom()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(spec.optimiser().averagingDecay()).isZero();
        assertThat(spec).isEqualTo(defaults.toBuilder()
                .likelihood(l -> l.withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY))
                .optimiser(o -> o.withAveragingDecay(0)).build());
    }

    @Test
    void withoutNoiseOrOptimizerTheSpecTakesTheDefaultStudentTNoiseAndAveraging() {
        io.credence.avro.ModelSpec avro = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("m").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2).build();

        ModelSpec spec = ModelSpecCodec.toCore(avro);

        assertThat(spec.likelihood().noiseModel()).isEqualTo(NoiseModel.HETEROSCEDASTIC);
        assertThat(spec.likelihood().noiseDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(spec.optimiser().averagingDecay()).isEqualTo(0.999);
    }

    @Test
    void aGaussianSpecWritesNoDegreesOfFreedomAndReadsBackGaussian() {
        ModelSpec gaussian = ModelSpec.regression("m", 2)
                .likelihood(l -> l.withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY)).build();

        io.credence.avro.ModelSpec avro = ModelSpecCodec.toAvro(gaussian);

        assertThat(avro.getNoise().getDegreesOfFreedom()).isNull();
        assertThat(ModelSpecCodec.toCore(avro)).isEqualTo(gaussian);
    }

    @Test
    void aFullyCustomSpecRoundTripsThroughAvroBytes() throws DecodeException {
        ModelSpec spec = custom();

        byte[] bytes = AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec));

        assertThat(ModelSpecCodec.toCore(AvroCodecs.modelSpec().decode(bytes))).isEqualTo(spec);
    }

    @Test
    void defaultSpecsRoundTrip() {
        for (ModelSpec spec : List.of(ModelSpec.regression("r", 1).build(), ModelSpec.classification("c", 3, 2).build())) {
            assertThat(ModelSpecCodec.toCore(ModelSpecCodec.toAvro(spec))).isEqualTo(spec);
        }
    }

    @Test
    void toAvroFillsEveryField() {
        io.credence.avro.ModelSpec avro = ModelSpecCodec.toAvro(ModelSpec.regression("r", 2).build());

        for (Schema.Field f : avro.getSchema().getFields()) {
            if (f.name().equals("fromWeights")) continue; // null: no weights, not a default
            assertThat(avro.get(f.pos())).as(f.name()).isNotNull();
        }
    }

    @Test
    void aSpecStartedFromWeightsRoundTrips() {
        DeterministicWeights weights = new DeterministicWeights(
                List.of(new double[][] {{0.5, -1}, {2, 0.25}, {0, 1}}, new double[][] {{1, -1, 0.5}}),
                List.of(new double[] {0.1, 0.2, 0.3}, new double[] {-0.7}), 0.1, new double[] {10, -2},
                new double[] {3, 0.5}, 40, 8);
        ModelSpec spec = ModelSpec.regression("moped", 2).network(n -> n.withHidden(3))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.2))
                .fromWeights(weights).build();

        assertThat(ModelSpecCodec.toCore(ModelSpecCodec.toAvro(spec))).isEqualTo(spec);
        assertThat(ModelSpecJson.fromJson(ModelSpecJson.toJson(spec))).isEqualTo(spec);
        assertThat(ModelSpecJson.toJson(spec)).contains("\"fromWeights\" : {", "\"targetScale\" : 8.0");
        assertThatThrownBy(() -> ModelSpec.regression("moped", 2).network(n -> n.withHidden(4))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.2))
                .fromWeights(weights).build())
                .hasMessageContaining("fromWeights layer 0 must be weight [4][2] (out x in, PyTorch's layout)");
    }

    @Test
    void aScaleMixturePriorWithoutKlUsesMonteCarloAndAnExplicitKlModeWins() {
        io.credence.avro.ModelSpec avro = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("m").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2)
                .setPrior(new ScaleMixturePrior(0.5, 1.0, 0.1)).build();

        assertThat(ModelSpecCodec.toCore(avro).variational().klMode()).isEqualTo(KlMode.MONTE_CARLO);

        avro.setPrior(new GaussianPrior(0.0, 2.0));
        avro.setKl(KlSpec.newBuilder().setMode(io.credence.avro.KlMode.MONTE_CARLO).setWeight(1.0).build());
        assertThat(ModelSpecCodec.toCore(avro).variational().klMode()).isEqualTo(KlMode.MONTE_CARLO);
    }

    @Test
    void oneSnapshotCadenceSetLeavesTheOtherAtItsDefault() {
        io.credence.avro.ModelSpec avro = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("m").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2)
                .setSnapshotEverySeconds(0.0).build();

        ModelSpec spec = ModelSpecCodec.toCore(avro);

        assertThat(spec.streaming().snapshotEverySeconds()).isZero();
        assertThat(spec.streaming().snapshotEveryUpdates()).isEqualTo(ModelSpec.regression("m",
                2).build().streaming().snapshotEveryUpdates());
    }

    @Test
    void invalidValuesAreRefusedByTheCoreWithTheModelId() {
        io.credence.avro.ModelSpec negativeSigma = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("bad").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2)
                .setPrior(new GaussianPrior(0.0, -1.0)).build();
        io.credence.avro.ModelSpec regressionWithClasses = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("bad2").setTask(io.credence.avro.Task.REGRESSION).setClasses(3).setFeatures(2).build();
        io.credence.avro.ModelSpec analyticMixture = io.credence.avro.ModelSpec.newBuilder()
                .setModelId("bad3").setTask(io.credence.avro.Task.REGRESSION).setFeatures(2)
                .setPrior(new ScaleMixturePrior(0.5, 1.0, 0.1))
                .setKl(KlSpec.newBuilder().setMode(io.credence.avro.KlMode.ANALYTIC).setWeight(1.0).build()).build();

        assertThatThrownBy(() -> ModelSpecCodec.toCore(negativeSigma))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid spec for model bad: prior sigma must be > 0 and finite, got -1.0");
        assertThatThrownBy(() -> ModelSpecCodec.toCore(regressionWithClasses))
                .hasMessage("invalid spec for model bad2: classes must be 0 for regression, got 3");
        assertThatThrownBy(() -> ModelSpecCodec.toCore(analyticMixture))
                .hasMessageStartingWith("invalid spec for model bad3: klMode ANALYTIC needs a Gaussian prior");
    }

    @Test
    void everyCoreEnumHasTheSameSymbolsInAvro() {
        assertSameSymbols(Task.values(), io.credence.avro.Task.values());
        assertSameSymbols(Activation.values(), io.credence.avro.Activation.values());
        assertSameSymbols(Estimator.values(), io.credence.avro.Estimator.values());
        assertSameSymbols(KlMode.values(), io.credence.avro.KlMode.values());
        assertSameSymbols(NoiseModel.values(), io.credence.avro.NoiseModel.values());
        assertSameSymbols(StreamingMode.values(), io.credence.avro.StreamingMode.values());
    }

    private static void assertSameSymbols(Enum<?>[] core, Enum<?>[] avro) {
        assertThat(Arrays.stream(avro).map(Enum::name)).containsExactlyElementsOf(Arrays.stream(core).map(Enum::name).toList());
    }
}
