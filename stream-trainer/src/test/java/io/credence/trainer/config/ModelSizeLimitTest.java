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

/** The checkpoint size estimate against real encoded TrainerStates, and the heap limit applied to specs. */
class ModelSizeLimitTest {

    private static final long MIB = 1 << 20;

    @Test
    void theCheckpointEstimateIsTheTensorBytesOfARealCheckpoint() {
        for (ModelSpec spec : new ModelSpec[] {
                ModelSpec.regression("r", 13).network(n -> n.withHidden(50)).build(),
                ModelSpec.regression("p", 4).network(n -> n.withHidden(32, 32))
                        .streaming(s -> s.withStreaming(StreamingMode.POSTERIOR_AS_PRIOR, 64, 1.0)).build(),
                ModelSpec.classification("c", 2, 3).network(n -> n.withHidden(16)).build()}) {
            OnlineLearner learner = OnlineLearner.create(spec);
            double[][] x = new double[64][spec.features()];
            double[] y = new double[64];
            learner.learn(x, y, null); // posterior-as-prior: the prior is the posterior from here on
            int encoded = AvroCodecs.trainerState().encode(LearnerStateCodec.toAvro(learner.state(), 1, 0).build()).length;
            assertThat(ModelSizeLimit.checkpointBytes(spec)).as("estimate for %s", spec.modelId())
                    .isLessThanOrEqualTo(encoded).isGreaterThan(encoded - 4096);
        }
    }

    @Test
    void networksWhoseCheckpointsExceedAKafkaRecordAreTakenWhenTheHeapAllowsThem() {
        ModelSpec mnist = ModelSpec.classification("mnist", 784, 10).network(n -> n.withHidden(1200, 1200)).build();
        ModelSpec house = ModelSpec.regression("house", 13).network(n -> n.withHidden(512, 512)).build();
        ModelSizeLimit gigabyteHeap = ModelSizeLimit.of(0, 1024 * MIB);

        assertThat(gigabyteHeap.maxBytes()).isEqualTo(768 * MIB);
        assertThat(ModelSizeLimit.checkpointBytes(mnist)).isGreaterThan(70 * MIB);
        assertThat(gigabyteHeap.violation(mnist)).isEmpty();
        assertThat(gigabyteHeap.violation(house)).isEmpty();
        assertThat(ModelSizeLimit.of(80, 1024 * MIB).violation(house)).isEmpty();
    }

    @Test
    void aNetworkOverTheLimitIsRefusedWithWhatItNeedsAndWhatToDo() {
        ModelSpec mnist = ModelSpec.classification("mnist", 784, 10).network(n -> n.withHidden(1200, 1200)).build();

        assertThat(ModelSizeLimit.of(0, 512 * MIB).violation(mnist)).hasValueSatisfying(why -> assertThat(why).contains(
                "model mnist has 2395210 weights and biases", "about 585 MiB of heap", "limit of 384 MiB per model",
                "credence.trainer.max-model-mib", "-Xmx", "about 1572", "weights and biases at most"));
        assertThat(ModelSizeLimit.of(100, 64 * 1024 * MIB).violation(mnist)).hasValueSatisfying(why ->
                assertThat(why).contains("limit of 100 MiB per model"));
        assertThatThrownBy(() -> new TrainerSettings(ModelSpec.regression("default", 1)
                .network(n -> n.withHidden(512, 512)).build(),
                Duration.ZERO, Duration.ofSeconds(1), false, 0.5, 1000, ModelSizeLimit.of(16, 1024 * MIB)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("credence.trainer.default-spec: model default has 264706 weights and biases");
        assertThatThrownBy(() -> ModelSizeLimit.of(-1, 1024 * MIB)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credence.trainer.max-model-mib must be >= 0");
    }
}
