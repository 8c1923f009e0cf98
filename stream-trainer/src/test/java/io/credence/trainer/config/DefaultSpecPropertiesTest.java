package io.credence.trainer.config;

import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultSpecPropertiesTest {

    @Test
    void unsetFieldsKeepTheCoreDefaults() {
        ModelSpec spec = read(Map.of("task", "REGRESSION", "classes", 0, "features", 3));
        assertThat(spec).isEqualTo(ModelSpec.regression("m", 3).build());
    }

    @Test
    void setFieldsOverrideOnlyThemselvesIncludingHalvesOfPairs() {
        ModelSpec spec = read(Map.of("task", "CLASSIFICATION", "classes", 3, "features", 4, "hidden", List.of(16, 8),
                "noise-sigma", 0.25, "batch-size", 64, "prior-sigma", 0.2));
        ModelSpec defaults = ModelSpec.classification("m", 4, 3).build();
        assertThat(spec.network().hidden()).containsExactly(16, 8);
        assertThat(spec.likelihood().noiseSigma()).isEqualTo(0.25);
        assertThat(spec.likelihood().noiseModel()).isEqualTo(defaults.likelihood().noiseModel());
        assertThat(spec.optimiser().batchSize()).isEqualTo(64);
        assertThat(spec.variational().prior()).isEqualTo(new PriorSpec.Gaussian(0.0, 0.2));
        assertThat(spec.streaming().snapshotEveryUpdates()).isEqualTo(defaults.streaming().snapshotEveryUpdates());
    }

    @Test
    void textValuesAsEnvironmentVariablesGiveThemAreReadAsTheirKeysNeed() {
        ModelSpec spec = read(Map.of("task", "regression", "features", "2", "hidden", "16,8", "learning-rate", "0.01",
                "noise-degrees-of-freedom", "Infinity", "effective-data-size", "500", "seed", "7"));
        assertThat(spec).isEqualTo(ModelSpec.regression("m", 2).network(n -> n.withHidden(16, 8))
                .optimiser(o -> o.withLearningRate(0.01))
                .likelihood(l -> l.withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY))
                .streaming(s -> s.withEffectiveDataSize(500)).seed(7).build());
        assertThatThrownBy(() -> read(Map.of("task", "REGRESSION", "features", "2", "batch-size", "many")))
                .hasMessage("credence.trainer.default-spec: batchSize must be a whole number in the int range, got \"many\"");
    }

    @Test
    void noiseDegreesOfFreedomMakesTheNoiseStudentT() {
        ModelSpec studentT = read(Map.of("task", "REGRESSION", "features", 2, "noise-model", "HETEROSCEDASTIC",
                "noise-degrees-of-freedom", 4.0));
        assertThat(studentT.likelihood().noiseDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(read(Map.of("task", "REGRESSION", "features", 2)).likelihood().noiseDegreesOfFreedom())
                .isEqualTo(ModelSpec.regression("d", 2).build().likelihood().noiseDegreesOfFreedom());
    }

    @Test
    void averagingDecaySetsPolyakAveraging() {
        ModelSpec averaged = read(Map.of("task", "REGRESSION", "features", 2, "averaging-decay", 0.99));
        assertThat(averaged.optimiser().averagingDecay()).isEqualTo(0.99);
        assertThat(read(Map.of("task", "REGRESSION", "features", 2)).optimiser().averagingDecay())
                .isEqualTo(ModelSpec.regression("d", 2).build().optimiser().averagingDecay());
    }

    @Test
    void aScaleMixtureNeedsAllThreeFieldsAndSwitchesTheKlToMonteCarlo() {
        ModelSpec mixture = read(Map.of("task", "REGRESSION", "features", 1, "mixture-pi", 0.5, "mixture-sigma1", 1.0,
                "mixture-sigma2", 0.01, "noise-model", "FIXED"));
        assertThat(mixture.variational().prior()).isEqualTo(new PriorSpec.ScaleMixture(0.5, 1.0, 0.01));
        assertThat(mixture.variational().klMode()).isEqualTo(KlMode.MONTE_CARLO);
        assertThat(mixture.likelihood().noiseModel()).isEqualTo(NoiseModel.FIXED);

        assertThatThrownBy(() -> read(Map.of("task", "REGRESSION", "features", 1, "mixture-pi", 0.5)))
                .hasMessageContaining("mixture-sigma1");
    }

    @Test
    void missingFeaturesOrAnInvalidValueFailsNamingIt() {
        assertThatThrownBy(() -> read(Map.of("task", "REGRESSION")))
                .hasMessage("credence.trainer.default-spec: spec needs key \"features\"");
        assertThatThrownBy(() -> read(Map.of("task", "REGRESSION", "features", 1, "batch-size", 0)))
                .hasMessage("credence.trainer.default-spec: batchSize must be >= 1, got 0");
    }

    /** The default spec that {@code properties} (kebab-case keys) give, under model id "m". */
    private static ModelSpec read(Map<String, Object> properties) {
        return DefaultSpecProperties.read(properties::get, "m");
    }
}
