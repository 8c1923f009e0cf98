package io.credence.trainer.processor;

import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;
import io.credence.trainer.TestRecords;
import io.credence.trainer.config.TrainerTopics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnerInputSerdeTest {

    private static final TrainerTopics TOPICS = new TrainerTopics("labeled", "specs", "snapshots", "metrics", "dlq", 1, (short) 1);
    private static final LearnerInputSerde SERDE = new LearnerInputSerde(TrainerCodecs.of(TOPICS, WireFormat.singleObject()));

    @Test
    void aLabeledRecordCrossesAsItsOwnBytesAndComesBackDecoded() throws Exception {
        byte[] bytes = TestRecords.labeled("m1", new double[] {0.5, -1.0}, 2.5);
        LearnerInput input = new LearnerInput.Example(bytes, AvroCodecs.labeledRecord().decode(bytes));

        byte[] written = SERDE.serializer().serialize("by-model", input);
        LearnerInput read = SERDE.deserializer().deserialize("by-model", written);

        assertThat(written).isSameAs(bytes);
        assertThat(read).isInstanceOf(LearnerInput.Example.class);
        assertThat(((LearnerInput.Example) read).record()).isEqualTo(((LearnerInput.Example) input).record());
        assertThat(read.bytes()).isEqualTo(bytes);
    }

    @Test
    void aSpecComesBackAsTheValidatedCoreSpec() {
        ModelSpec spec = ModelSpec.regression("m1", 2).network(net -> net.withHidden(8)).build();
        byte[] bytes = TestRecords.spec(spec);

        LearnerInput read = SERDE.deserializer().deserialize("by-model", SERDE.serializer().serialize("by-model", new LearnerInput.Spec(bytes, spec)));

        assertThat(read).isInstanceOf(LearnerInput.Spec.class);
        assertThat(((LearnerInput.Spec) read).spec()).isEqualTo(spec);
    }

    @Test
    void anythingTheDecodersNeverWriteThereIsABugNotBadInput() {
        byte[] deadLetter = AvroCodecs.deadLetter().encode(DeadLetters.of("trainer", "labeled", 0, 1L, "MALFORMED", "x", null, new byte[] {1}, 0L));

        assertThatThrownBy(() -> SERDE.deserializer().deserialize("by-model", deadLetter))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DeadLetter");
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("by-model", new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer decodes");
    }
}
