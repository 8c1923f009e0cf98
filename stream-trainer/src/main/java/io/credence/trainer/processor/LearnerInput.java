package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.bnn.spec.ModelSpec;

/**
 * What the learner receives, decoded and checked once by the decoders ({@link LabeledRecordDecoder},
 * {@link ModelSpecDecoder}): a labeled record or a spec of one model, with the input's own bytes, which the by-model
 * topic and the journal keep and a dead letter carries.
 */
public sealed interface LearnerInput {

    /** The input's bytes as its producer sent them. */
    byte[] bytes();

    /**
     * A labeled record whose model id is usable; checks that need the model's spec are the learner's.
     *
     * @param bytes  the record's bytes as its producer sent them
     * @param record the record decoded from them
     */
    record Example(byte[] bytes, LabeledRecord record) implements LearnerInput {}

    /**
     * A valid spec, keyed by its model id.
     *
     * @param bytes the spec's bytes as its producer sent them
     * @param spec  the spec decoded from them and validated
     */
    record Spec(byte[] bytes, ModelSpec spec) implements LearnerInput {}
}
