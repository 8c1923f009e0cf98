package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;

/**
 * A value a trainer processor emits, tagged with where the topology must send it.
 *
 * @param destination where it goes
 * @param value       single-object-encoded Avro bytes (towards the learner: the input's original bytes)
 * @param example     for a labeled record going to the learner in the same task ({@link Destination#LEARNER}, no
 *                    repartition topic in between): its decoded form, so it is not decoded twice; null otherwise
 */
public record Emission(Destination destination, byte[] value, LabeledRecord example) {

    /** An emission of encoded bytes only. */
    public Emission(Destination destination, byte[] value) {
        this(destination, value, null);
    }

    /** Whether this emission goes to {@code d}. */
    public boolean goesTo(Destination d) {
        return destination == d;
    }
}
