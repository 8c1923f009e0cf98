package io.credence.trainer.processor;

/**
 * A value a trainer processor emits, tagged with where the topology must send it.
 *
 * @param destination where it goes
 * @param value       single-object-encoded Avro bytes (for {@link Destination#LEARNER}: the input's original bytes)
 */
public record Emission(Destination destination, byte[] value) {

    /** Whether this emission goes to {@code d}. */
    public boolean goesTo(Destination d) {
        return destination == d;
    }
}
