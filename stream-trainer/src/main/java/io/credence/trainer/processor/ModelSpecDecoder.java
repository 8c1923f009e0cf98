package io.credence.trainer.processor;

import io.credence.avro.ModelSpec;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.TopicCodec;
import io.credence.trainer.config.ModelSizeLimit;
import io.credence.trainer.metrics.TrainerMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads raw model-specs: a value that decodes to a valid {@link io.credence.bnn.spec.ModelSpec} under a key equal to
 * its model id goes on as a {@link LearnerInput.Spec}, keyed by the model id, routed as {@link LabeledRecordDecoder} routes records; anything else
 * becomes a dead letter (MALFORMED, WRONG_SCHEMA, INVALID_SPEC, which includes a network larger than the trainer
 * takes ({@link ModelSizeLimit}) and a model id that cannot name a model ({@link ModelIds}), or TOO_LARGE) and the
 * model keeps its previous spec. Tombstones are ignored: a model's posterior cannot fall back to having no spec.
 */
public final class ModelSpecDecoder implements Processor<byte[], byte[], byte[], Emission> {

    /** Error class of a spec that decodes but is invalid. */
    public static final String INVALID_SPEC = "INVALID_SPEC";

    private static final Logger log = LoggerFactory.getLogger(ModelSpecDecoder.class);

    private final TopicCodec<ModelSpec> codec;
    private final DeadLetterRoute deadLetters;
    private final ModelRoute route;
    private final ModelSizeLimit modelSize;
    private ProcessorContext<byte[], Emission> context;

    /**
     * A decoder counting its dead letters in {@code metrics} and routing specs as {@code partitioning} says (see
     * {@link LabeledRecordDecoder}), reading and writing through {@code codecs}, refusing models over {@code modelSize}.
     */
    public ModelSpecDecoder(TrainerMetrics metrics, ModelPartitioning partitioning, TrainerCodecs codecs, ModelSizeLimit modelSize) {
        this.modelSize = modelSize;
        this.codec = codecs.modelSpecs();
        this.deadLetters = new DeadLetterRoute(metrics, codecs.deadLetters());
        this.route = new ModelRoute(partitioning, deadLetters, metrics.repartitioned("model-specs"));
    }

    @Override
    public void init(ProcessorContext<byte[], Emission> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Origin origin = Origin.of(context.recordMetadata().orElseThrow(), record.key());
        if (record.value() == null) {
            log.info("ignoring tombstone at {}: a model keeps its last spec", origin);
            return;
        }
        if (DeadLetters.tooLarge(record.key(), record.value())) {
            context.forward(deadLetters.tooLarge(origin, record.value(), context.currentSystemTimeMs()));
            return;
        }
        ModelSpec spec;
        try {
            spec = codec.decode(record.value());
        } catch (DecodeException e) {
            reject(origin, record, e.errorClass(), e.getMessage());
            return;
        }
        io.credence.bnn.spec.ModelSpec valid;
        try {
            valid = ModelSpecCodec.toCore(spec);
        } catch (IllegalArgumentException e) {
            reject(origin, record, INVALID_SPEC, e.getMessage());
            return;
        }
        Optional<String> tooBig = modelSize.violation(valid);
        if (tooBig.isPresent()) {
            reject(origin, record, INVALID_SPEC, tooBig.get());
            return;
        }
        Optional<String> badId = ModelIds.problem(spec.getModelId());
        if (badId.isPresent()) {
            reject(origin, record, INVALID_SPEC, "invalid spec: " + badId.get());
            return;
        }
        byte[] modelId = spec.getModelId().getBytes(StandardCharsets.UTF_8);
        if (record.key() != null && !Arrays.equals(record.key(), modelId)) {
            reject(origin, record, INVALID_SPEC, "the key '" + new String(record.key(), StandardCharsets.UTF_8)
                    + "' differs from the spec's model id '" + spec.getModelId()
                    + "': model-specs is compacted by key, so the key must be the model id");
            return;
        }
        context.forward(route.of(record, origin, spec.getModelId(), new LearnerInput.Spec(record.value(), valid), context.currentSystemTimeMs()));
    }

    private void reject(Origin origin, Record<byte[], byte[]> record, String errorClass, String reason) {
        context.forward(deadLetters.record(origin, record.value(), errorClass, reason, context.currentSystemTimeMs()));
    }
}
