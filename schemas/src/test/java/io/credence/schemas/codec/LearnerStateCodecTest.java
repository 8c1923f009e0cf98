package io.credence.schemas.codec;

import io.credence.avro.TrainerState;
import io.credence.bnn.inference.LearnerState;
import io.credence.bnn.inference.ReplayWindow;
import io.credence.schemas.Samples;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.credence.schemas.codec.PosteriorAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnerStateCodecTest {

    @Test
    void aStateWithAPosteriorAsPriorAndAnAverageRoundTripsBitExactlyThroughTrainerStateBytes() throws DecodeException {
        LearnerState state = Samples.learnerState(Samples.regressionSpec(), new Random(21), true);

        TrainerState avro = LearnerStateCodec.toAvro(state, 6, Samples.TIME).build();
        TrainerState decoded = AvroCodecs.trainerState().decode(AvroCodecs.trainerState().encode(avro));

        assertSameState(LearnerStateCodec.toCore(decoded), state);
        assertThat(decoded.getPosterior().getVersion()).isEqualTo(6);
        assertThat(decoded.getAdamStep()).isEqualTo(17);
    }

    @Test
    void aStateWithoutPriorTensorsLeavesThemNullAndTheAppFieldsAtTheirDefaults() {
        LearnerState state = Samples.learnerState(Samples.classificationSpec(), new Random(22), false);

        TrainerState avro = LearnerStateCodec.toAvro(state, 0, Samples.TIME).build();

        assertThat(avro.getPriorMean()).isNull();
        assertThat(avro.getPriorSigma()).isNull();
        assertThat(avro.getAverageParameters()).isNull();
        assertThat(avro.getLastMetrics()).isNull();
        assertThat(avro.getPendingFeatures()).isEmpty();
        assertThat(avro.getPendingLabels()).isEmpty();
        assertThat(avro.getPendingWeights()).isEmpty();
        assertThat(avro.getLastSnapshotMillis()).isZero();
        assertThat(avro.getUpdatesSinceSnapshot()).isZero();
        assertThat(avro.getLastRecordMillis()).isZero();
        assertSameState(LearnerStateCodec.toCore(avro), state);
    }

    @Test
    void theReplayCreditIsCheckpointedAndTheReplayWindowIsNot() throws DecodeException {
        // The trainer keeps the window's examples in a store of their own, one entry per example.
        LearnerState state = Samples.learnerState(Samples.regressionSpec(), new Random(25), false)
                .withReplayWindow(List.of(new ReplayWindow.Example(7, new double[]{1, 2, 3}, 4.0, 1.0)));

        TrainerState avro = LearnerStateCodec.toAvro(state, 1, Samples.TIME).build();
        LearnerState restored = LearnerStateCodec.toCore(AvroCodecs.trainerState().decode(AvroCodecs.trainerState().encode(avro)));

        assertThat(avro.getReplayCredit()).isEqualTo(4096.5);
        assertThat(restored.replayCredit()).isEqualTo(4096.5);
        assertThat(state.replayWindow()).hasSize(1);
        assertThat(restored.replayWindow()).isEmpty();
    }

    @Test
    void aNonFlatOptimiserTensorIsRefusedNamingTheModel() {
        LearnerState state = Samples.learnerState(Samples.regressionSpec(), new Random(23), false);
        TrainerState avro = LearnerStateCodec.toAvro(state, 1, Samples.TIME).build();
        avro.setAdamV(TensorCodec.toAvro(new float[4], 2, 2));

        assertThatThrownBy(() -> LearnerStateCodec.toCore(avro))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid trainer state of model house-prices, adamV: expected a flat tensor [n], got shape [2, 2]");
    }

    @Test
    void thePendingBatchSetByTheTrainerSurvivesEncoding() throws DecodeException {
        LearnerState state = Samples.learnerState(Samples.regressionSpec(), new Random(24), false);
        TrainerState avro = LearnerStateCodec.toAvro(state, 1, Samples.TIME)
                .setPendingFeatures(List.of(List.of(1.0, 2.0, 3.0)))
                .setPendingLabels(List.of(4.0))
                .setPendingWeights(List.of(1.0))
                .build();

        TrainerState decoded = AvroCodecs.trainerState().decode(AvroCodecs.trainerState().encode(avro));

        assertThat(decoded.getPendingFeatures()).containsExactly(List.of(1.0, 2.0, 3.0));
        assertThat(decoded.getPendingLabels()).containsExactly(4.0);
    }
}
