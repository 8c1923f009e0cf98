package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The by-model topic's values: a {@link LearnerInput} crosses it as its input's own bytes and is read back into the
 * same typed input. The bytes decoded once already, when the decoders first read them, so failing to read them back
 * is a bug, not bad input: it throws, and the stream thread stops before committing.
 */
public final class LearnerInputSerde implements Serde<LearnerInput> {

    private final TrainerCodecs codecs;

    /** The serde of inputs framed by {@code codecs}. */
    public LearnerInputSerde(TrainerCodecs codecs) {
        this.codecs = codecs;
    }

    @Override
    public Serializer<LearnerInput> serializer() {
        return (topic, input) -> input.bytes();
    }

    @Override
    public Deserializer<LearnerInput> deserializer() {
        return (topic, bytes) -> read(bytes);
    }

    private LearnerInput read(byte[] bytes) {
        Class<?> type;
        try {
            type = codecs.format().typeOf(bytes).orElse(null);
        } catch (DecodeException e) {
            throw new IllegalStateException("a record on the by-model topic no longer decodes, though it did when first read: " + e.getMessage(), e);
        }
        if (type == LabeledRecord.class) {
            return new LearnerInput.Example(bytes, Redecode.of(codecs.labeledRecords()::decode, bytes, "labeled record on the by-model topic"));
        }
        if (type == io.credence.avro.ModelSpec.class) {
            return new LearnerInput.Spec(bytes, ModelSpecCodec.toCore(Redecode.of(codecs.modelSpecs()::decode, bytes, "spec on the by-model topic")));
        }
        throw new IllegalStateException("the by-model topic holds a " + (type == null ? "record of unknown schema" : type.getSimpleName())
                + ", which the decoders never write there");
    }
}
