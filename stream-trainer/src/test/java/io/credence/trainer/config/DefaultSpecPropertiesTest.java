package io.credence.trainer.config;

import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultSpecPropertiesTest {

    @Test
    void unsetFieldsKeepTheCoreDefaults() {
        ModelSpec spec = props(Task.REGRESSION, 0, 3, null, null, null, null).toSpec("m");
        assertThat(spec).isEqualTo(ModelSpec.regression("m", 3).build());
    }

    @Test
    void setFieldsOverrideOnlyThemselvesIncludingHalvesOfPairs() {
        ModelSpec spec = props(Task.CLASSIFICATION, 3, 4, List.of(16, 8), 0.25, 64, 0.2).toSpec("c");
        ModelSpec defaults = ModelSpec.classification("c", 4, 3).build();
        assertThat(spec.hidden()).containsExactly(16, 8);
        assertThat(spec.noiseSigma()).isEqualTo(0.25);
        assertThat(spec.noiseModel()).isEqualTo(defaults.noiseModel());
        assertThat(spec.batchSize()).isEqualTo(64);
        assertThat(spec.prior()).isEqualTo(new PriorSpec.Gaussian(0.0, 0.2));
        assertThat(spec.snapshotEveryUpdates()).isEqualTo(defaults.snapshotEveryUpdates());
    }

    @Test
    void noiseDegreesOfFreedomMakesTheNoiseStudentT() {
        DefaultSpecProperties studentT = new DefaultSpecProperties(Task.REGRESSION, 0, 2, null, null, null, null,
                null, null, null, null, null, null, null, null, NoiseModel.HETEROSCEDASTIC, null, 4.0, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(studentT.toSpec("t").noiseDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(props(Task.REGRESSION, 0, 2, null, null, null, null).toSpec("d").noiseDegreesOfFreedom())
                .isEqualTo(ModelSpec.regression("d", 2).build().noiseDegreesOfFreedom());
    }

    @Test
    void averagingDecaySetsPolyakAveraging() {
        DefaultSpecProperties averaged = new DefaultSpecProperties(Task.REGRESSION, 0, 2, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, 0.999,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(averaged.toSpec("a").averagingDecay()).isEqualTo(0.999);
        assertThat(props(Task.REGRESSION, 0, 2, null, null, null, null).toSpec("d").averagingDecay())
                .isEqualTo(ModelSpec.regression("d", 2).build().averagingDecay());
    }

    @Test
    void aScaleMixtureNeedsAllThreeFieldsAndSwitchesTheKlToMonteCarlo() {
        DefaultSpecProperties mixture = new DefaultSpecProperties(Task.REGRESSION, 0, 1, null, null, null, null,
                0.5, 1.0, 0.01, null, null, null, null, null, NoiseModel.FIXED, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(mixture.toSpec("m").klMode()).isEqualTo(KlMode.MONTE_CARLO);
        assertThat(mixture.toSpec("m").noiseModel()).isEqualTo(NoiseModel.FIXED);

        DefaultSpecProperties partial = new DefaultSpecProperties(Task.REGRESSION, 0, 1, null, null, null, null,
                0.5, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> partial.toSpec("m")).hasMessageContaining("mixture-sigma1");
    }

    @Test
    void missingFeaturesOrAnInvalidValueFailsNamingIt() {
        assertThatThrownBy(() -> props(Task.REGRESSION, 0, null, null, null, null, null).toSpec("m"))
                .hasMessageContaining("features");
        assertThatThrownBy(() -> props(Task.REGRESSION, 0, 1, null, null, 0, null).toSpec("m"))
                .hasMessageContaining("batchSize");
    }

    private static DefaultSpecProperties props(Task task, Integer classes, Integer features, List<Integer> hidden,
                                               Double noiseSigma, Integer batchSize, Double priorSigma) {
        return new DefaultSpecProperties(task, classes, features, hidden, null, null, priorSigma, null, null, null,
                null, null, null, null, null, null, noiseSigma, null, null, null, null, batchSize, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }
}
