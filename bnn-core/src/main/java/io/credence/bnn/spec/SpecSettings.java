package io.credence.bnn.spec;

import java.util.List;

/**
 * A spec's settings by name, read or written: each part of {@link ModelSpec} passes every setting it has, under its
 * name, through its {@code settings(SpecSettings)} method, which serves both directions (as an archive does in
 * Boost.Serialization). A reader answers each name with the value its source gives, or, when the source gives none,
 * with the value passed in: the part's own, which is the default when the part is a default. A writer records the value
 * passed in and answers it unchanged. The names are the record components' names: the keys of a spec.json and, in
 * kebab-case, of the trainer's default-spec properties.
 */
public interface SpecSettings {

    /** A text setting. */
    String text(String name, String value);

    /** A whole number in the int range. */
    int whole(String name, int value);

    /** A whole number in the long range. */
    long whole(String name, long value);

    /** A number; range checks are the record's. */
    double number(String name, double value);

    /** A number that may be infinite (JSON has no literal for infinity: the text "Infinity"). */
    double numberOrInfinity(String name, double value);

    /** One of an enum's values, by name. */
    <E extends Enum<E>> E choice(String name, E value);

    /** A list of whole numbers. */
    List<Integer> wholes(String name, List<Integer> value);

    /** A prior, tagged by its kind. */
    PriorSpec prior(String name, PriorSpec value);

    /** Trained weights, or null for none. */
    DeterministicWeights weights(String name, DeterministicWeights value);
}
