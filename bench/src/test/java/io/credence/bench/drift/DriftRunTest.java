package io.credence.bench.drift;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriftRunTest {
    private static final ModelSpec SPEC = ModelSpec.regression("drift", DriftStream.FEATURES).build();

    @Test
    void theModelLearnsTheStationaryStreamAndIsHurtByTheChange() {
        NllCurve stationary = DriftRun.run(SPEC, 4096, Long.MAX_VALUE, 1);
        NllCurve drift = DriftRun.run(SPEC, 4096, 2048, 1);
        assertThat(stationary.batches()).isEqualTo(128);
        assertThat(stationary.mean(1536, 2048)).as("learning lowers the prequential NLL").isLessThan(stationary.mean(0, 512) - 0.5);
        assertThat(drift.mean(0, 2048)).as("same stream before the change").isEqualTo(stationary.mean(0, 2048));
        assertThat(drift.mean(2048, 2560)).as("the change costs NLL").isGreaterThan(stationary.mean(2048, 2560) + 0.5);
    }

    @Test
    void aRunIsDeterministicInItsSeeds() {
        assertThat(DriftRun.run(SPEC, 640, 320, 4).nll()).isEqualTo(DriftRun.run(SPEC, 640, 320, 4).nll());
    }

    @Test
    void settingsParseAndLabel() {
        DriftSetting pap = DriftSetting.parse("pap:1000:2.5");
        assertThat(pap.mode()).isEqualTo(StreamingMode.POSTERIOR_AS_PRIOR);
        assertThat(pap.label()).isEqualTo("pap:1000:2.5");
        assertThat(pap.apply(SPEC).streaming().tempering()).isEqualTo(2.5);
        assertThat(DriftSetting.parse("eds:500").apply(SPEC).streaming().effectiveDataSize()).isEqualTo(500);
        assertThat(DriftSetting.parse("pap:1000:1").describe()).contains("no tempering");
        assertThatThrownBy(() -> DriftSetting.parse("eds")).hasMessageContaining("eds:N");
        assertThatThrownBy(() -> DriftRun.run(SPEC, 100, 50, 1)).hasMessageContaining("multiple of the batch");
    }
}
