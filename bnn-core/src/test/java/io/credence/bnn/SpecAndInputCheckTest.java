package io.credence.bnn;

import io.credence.bnn.data.InputCheck;
import io.credence.bnn.data.InputError;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.PriorSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invalid specs and inputs are refused with reasons that name the value. */
class SpecAndInputCheckTest {
    @Test
    void invalidSpecsAreRefused() {
        assertThatThrownBy(() -> ModelSpec.regression("m", 3).optimiser(o -> o.withBatchSize(0))
                .build()).hasMessageContaining("batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> new PriorSpec.Gaussian(0, -1)).hasMessageContaining("prior sigma must be > 0");
        assertThatThrownBy(() -> ModelSpec.regression("m", 3).network(n -> n.withHidden(100_000))
                .build()).hasMessageContaining("hidden width must be <= 4096");
        assertThatThrownBy(() -> ModelSpec.regression("m", 3000).network(n -> n.withHidden(4000, 4000))
                .build()).hasMessageContaining("more than the limit");
        assertThatThrownBy(() -> ModelSpec.classification("m", 3, 1).build()).hasMessageContaining("classes must be >= 2");
        assertThatThrownBy(() -> ModelSpec.regression("m", 3)
                .variational(v -> v.withKlMode(io.credence.bnn.spec.KlMode.ANALYTIC)
                        .withPrior(new PriorSpec.ScaleMixture(0.5, 1, 0.1)).withKlMode(io.credence.bnn.spec.KlMode.ANALYTIC))
                .build())
                .hasMessageContaining("no closed-form KL");
        assertThat(ModelSpec.regression("m", 3)
                .variational(v -> v.withPrior(new PriorSpec.ScaleMixture(0.5, 1, 0.1))).build().variational().klMode())
                .isEqualTo(io.credence.bnn.spec.KlMode.MONTE_CARLO);
    }

    @Test
    void badInputsAreNamed() {
        ModelSpec reg = ModelSpec.regression("m", 2).build();
        ModelSpec cls = ModelSpec.classification("c", 2, 3).build();
        assertThat(InputCheck.features(reg, new double[] {1})).get().extracting(r -> r.error()).isEqualTo(InputError.FEATURE_COUNT);
        assertThat(InputCheck.features(reg, new double[] {1, Double.NaN})).get().extracting(r -> r.error()).isEqualTo(InputError.NON_FINITE);
        assertThat(InputCheck.features(reg, new double[] {1, 1e308})).get().extracting(r -> r.error()).isEqualTo(InputError.NON_FINITE);
        assertThat(InputCheck.labeled(reg, new double[] {1, 2}, Double.POSITIVE_INFINITY, null)).get().extracting(r -> r.error()).isEqualTo(InputError.NON_FINITE);
        assertThat(InputCheck.labeled(cls, new double[] {1, 2}, 3, null)).get().extracting(r -> r.error()).isEqualTo(InputError.LABEL_RANGE);
        assertThat(InputCheck.labeled(cls, new double[] {1, 2}, 1.5, null)).get().extracting(r -> r.error()).isEqualTo(InputError.LABEL_RANGE);
        assertThat(InputCheck.labeled(reg, new double[] {1, 2}, 1, -1.0)).get().extracting(r -> r.error()).isEqualTo(InputError.BAD_WEIGHT);
        assertThat(InputCheck.samples(0)).get().extracting(r -> r.error()).isEqualTo(InputError.BAD_SAMPLES);
        assertThat(InputCheck.labeled(cls, new double[] {1, 2}, 2, 2.0)).isEmpty();
    }
}
