package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.trainer.metrics.TrainerMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads raw labeled-records: a value that decodes as a {@link LabeledRecord} with a usable model id ({@link ModelIds})
 * goes on, keyed by its model id, with its original bytes and its origin in headers; anything else becomes a dead
 * letter (MALFORMED or WRONG_SCHEMA, or TOO_LARGE without its bytes for an input over
 * {@link DeadLetters#MAX_INPUT_BYTES}). Checks that need the model's spec happen in the {@link LearnerProcessor}.
 */
public final class LabeledRecordDecoder implements Processor<byte[], byte[], byte[], Emission> {

    private final DeadLetterRoute deadLetters;
    private final Optional<ModelPartitioning> keyedInput;
    private ProcessorContext<byte[], Emission> context;

    /**
     * A decoder counting its dead letters in {@code metrics}; with {@code keyedInput} present it also dead-letters
     * (WRONG_PARTITION) a record that is not keyed by its model id or not on that key's partition.
     */
    public LabeledRecordDecoder(TrainerMetrics metrics, Optional<ModelPartitioning> keyedInput) {
        this.deadLetters = new DeadLetterRoute(metrics);
        this.keyedInput = keyedInput;
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
            labeled = AvroCodecs.labeledRecord().decode(record.value());
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
        Optional<String> misplaced = keyedInput.flatMap(k -> k.problem(record.key(), labeled.getModelId(), origin.partition()));
        if (misplaced.isPresent()) {
            context.forward(deadLetters.record(origin, record.value(), ModelPartitioning.WRONG_PARTITION, misplaced.get(),
                    context.currentSystemTimeMs()));
            return;
        }
        // Keyed input: the learner runs in this task and reads the origin from the record's metadata, so the decoded
        // record travels with the bytes and no origin headers are added. Otherwise the bytes cross the repartition
        // topic, the origin in headers.
        Emission toLearner = keyedInput.isPresent()
                ? new Emission(Destination.LEARNER, record.value(), labeled)
                : new Emission(Destination.LEARNER, record.value());
        context.forward(new Record<>(labeled.getModelId().getBytes(StandardCharsets.UTF_8), toLearner, record.timestamp(),
                keyedInput.isPresent() ? record.headers() : origin.toHeaders(record.headers())));
    }
}
