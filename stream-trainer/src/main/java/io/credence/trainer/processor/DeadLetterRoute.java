package io.credence.trainer.processor;

import io.credence.avro.DeadLetter;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.TopicCodec;
import io.credence.trainer.metrics.TrainerMetrics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an input the trainer cannot use into a dead-letter record (reason plus original bytes) and counts it. */
final class DeadLetterRoute {

    /** The app name written in every dead letter. */
    static final String APP = "stream-trainer";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRoute.class);

    private final TrainerMetrics metrics;
    private final TopicCodec<DeadLetter> letters;

    DeadLetterRoute(TrainerMetrics metrics, TopicCodec<DeadLetter> letters) {
        this.metrics = metrics;
        this.letters = letters;
    }

    /**
     * The dead-letter record of the input at {@code origin} whose value was {@code value}, keyed by its original key.
     *
     * @param nowMillis wall-clock time, epoch milliseconds
     */
    Record<byte[], Emission> record(Origin origin, byte[] value, String errorClass, String reason, long nowMillis) {
        log.debug("dead-lettering {}: {} {}", origin, errorClass, reason);
        metrics.deadLetter(origin.topic(), errorClass);
        byte[] letter = letters.encode(DeadLetters.of(APP, origin.topic(), origin.partition(),
                origin.offset(), errorClass, reason, origin.key(), value, nowMillis));
        return new Record<>(origin.key(), new Emission.ToDeadLetters(letter), nowMillis, new RecordHeaders());
    }

    /** The dead-letter record of an input over {@link DeadLetters#MAX_INPUT_BYTES}: sizes and origin, not the bytes. */
    Record<byte[], Emission> tooLarge(Origin origin, byte[] value, long nowMillis) {
        metrics.deadLetter(origin.topic(), DeadLetters.TOO_LARGE);
        byte[] letter = letters.encode(DeadLetters.tooLarge(APP, origin.topic(), origin.partition(),
                origin.offset(), origin.key(), value, nowMillis));
        return new Record<>(null, new Emission.ToDeadLetters(letter), nowMillis, new RecordHeaders());
    }
}
