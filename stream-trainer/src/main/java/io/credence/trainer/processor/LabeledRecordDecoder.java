package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.trainer.metrics.TrainerMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * Reads raw labeled-records: a value that decodes as a {@link LabeledRecord} goes on, keyed by its model id, with its
 * original bytes and its origin in headers; anything else becomes a dead letter (MALFORMED or WRONG_SCHEMA). Checks
 * that need the model's spec happen in the {@link LearnerProcessor}.
 */
public final class LabeledRecordDecoder implements Processor<byte[], byte[], byte[], Emission> {

    private final DeadLetterRoute deadLetters;
    private ProcessorContext<byte[], Emission> context;

    /** A decoder counting its dead letters in {@code metrics}. */
    public LabeledRecordDecoder(TrainerMetrics metrics) {
        this.deadLetters = new DeadLetterRoute(metrics);
    }

    @Override
    public void init(ProcessorContext<byte[], Emission> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Origin origin = Origin.of(context.recordMetadata().orElseThrow(), record.key());
        LabeledRecord labeled;
        try {
            labeled = AvroCodecs.labeledRecord().decode(record.value());
        } catch (DecodeException e) {
            context.forward(deadLetters.record(origin, record.value(), e.errorClass(), e.getMessage(), context.currentSystemTimeMs()));
            return;
        }
        if (labeled.getModelId().isBlank()) {
            context.forward(deadLetters.record(origin, record.value(), DecodeException.MALFORMED,
                    "LabeledRecord has a blank modelId", context.currentSystemTimeMs()));
            return;
        }
        context.forward(new Record<>(labeled.getModelId().getBytes(StandardCharsets.UTF_8),
                new Emission(Destination.LEARNER, record.value()), record.timestamp(), origin.toHeaders(record.headers())));
    }
}
