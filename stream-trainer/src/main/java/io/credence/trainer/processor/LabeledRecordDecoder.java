package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.TopicCodec;
import io.credence.trainer.metrics.TrainerMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Optional;

/**
 * Reads raw labeled-records: a value that decodes as a {@link LabeledRecord} with a usable model id ({@link ModelIds})
 * goes on as a {@link LearnerInput.Example}, keyed by its model id: to the learner of this task when it is in place
 * ({@link ModelPartitioning}), otherwise to the by-model topic with its origin in headers
 * (or, with keyed-only input, to the dead letters as WRONG_PARTITION); anything else becomes a dead
 * letter (MALFORMED or WRONG_SCHEMA, or TOO_LARGE without its bytes for an input over
 * {@link DeadLetters#MAX_INPUT_BYTES}). Checks that need the model's spec happen in the {@link LearnerProcessor}.
 */
public final class LabeledRecordDecoder implements Processor<byte[], byte[], byte[], Emission> {

    private final TopicCodec<LabeledRecord> codec;
    private final DeadLetterRoute deadLetters;
    private final ModelRoute route;
    private ProcessorContext<byte[], Emission> context;

    /**
     * A decoder counting its dead letters in {@code metrics} and routing records as {@code partitioning} says: in
     * place to the learner of this task, otherwise to the by-model topic or, when it is {@code keyedOnly}, to the
     * dead letters (WRONG_PARTITION), reading and writing through {@code codecs}.
     */
    public LabeledRecordDecoder(TrainerMetrics metrics, ModelPartitioning partitioning, TrainerCodecs codecs) {
        this.codec = codecs.labeledRecords();
        this.deadLetters = new DeadLetterRoute(metrics, codecs.deadLetters());
        this.route = new ModelRoute(partitioning, deadLetters, metrics.repartitioned("labeled-records"));
    }

    @Override
    public void init(ProcessorContext<byte[], Emission> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Origin origin = Origin.of(context.recordMetadata().orElseThrow(), record.key());
        if (DeadLetters.tooLarge(record.key(), record.value())) {
            context.forward(deadLetters.tooLarge(origin, record.value(), context.currentSystemTimeMs()));
            return;
        }
        LabeledRecord labeled;
        try {
            labeled = codec.decode(record.value());
        } catch (DecodeException e) {
            context.forward(deadLetters.record(origin, record.value(), e.errorClass(), e.getMessage(), context.currentSystemTimeMs()));
            return;
        }
        Optional<String> badId = ModelIds.problem(labeled.getModelId());
        if (badId.isPresent()) {
            context.forward(deadLetters.record(origin, record.value(), DecodeException.MALFORMED,
                    "LabeledRecord cannot train a model: " + badId.get(), context.currentSystemTimeMs()));
            return;
        }
        context.forward(route.of(record, origin, labeled.getModelId(), new LearnerInput.Example(record.value(), labeled), context.currentSystemTimeMs()));
    }
}
