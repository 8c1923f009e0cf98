package io.credence.trainer.config;

import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.serde.AvroCodecs;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checkpoint size estimate against real encoded TrainerStates, and the limit applied to the default spec. */
class CheckpointLimitTest {

    @Test
    void theEstimateIsTheTensorBytesOfARealCheckpoint() {
        for (ModelSpec spec : new ModelSpec[] {
                ModelSpec.regression("r", 13).hidden(50).build(),
                ModelSpec.regression("p", 4).hidden(32, 32).streaming(StreamingMode.POSTERIOR_AS_PRIOR, 64, 1.0).build(),
                ModelSpec.classification("c", 2, 3).hidden(16).build()}) {
            OnlineLearner learner = OnlineLearner.create(spec);
            double[][] x = new double[64][spec.features()];
            double[] y = new double[64];
            learner.learn(x, y, null); // posterior-as-prior: the prior is the posterior from here on
            int encoded = AvroCodecs.trainerState().encode(LearnerStateCodec.toAvro(learner.state(), 1, 0).build()).length;
            assertThat(CheckpointLimit.bytes(spec)).as("estimate for %s", spec.modelId())
                    .isLessThanOrEqualTo(encoded).isGreaterThan(encoded - 4096);
        }
    }

    @Test
    void aNetworkWhoseCheckpointExceedsARecordIsRefusedWithItsSize() {
        assertThat(CheckpointLimit.violation(ModelSpec.regression("ok", 600).hidden(50).build())).isEmpty();
        assertThat(CheckpointLimit.violation(ModelSpec.regression("big", 1000).hidden(50).build())).hasValueSatisfying(why ->
                assertThat(why).contains("model big has 50152 weights and biases", "1604876 bytes", "Polyak average",
                        "about 30720 weights and biases at most", "983040-byte record limit"));
        assertThatThrownBy(() -> new TrainerSettings(ModelSpec.regression("default", 1).hidden(512, 512).build(),
                Duration.ZERO, Duration.ofSeconds(1), false, 0.5, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("credence.trainer.default-spec: model default has 264706 weights and biases");
    }
}
