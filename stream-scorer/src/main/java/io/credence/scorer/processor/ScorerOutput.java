package io.credence.scorer.processor;

import io.credence.avro.DeadLetter;
import io.credence.avro.Prediction;

/** What the scoring processor emits for one feature record: a prediction, or a dead letter saying why not. */
public sealed interface ScorerOutput {

    /** A scored record, bound for the predictions topic. */
    record Scored(Prediction prediction) implements ScorerOutput {}

    /** An unusable record, bound for the dead-letter topic. */
    record Dead(DeadLetter letter) implements ScorerOutput {}
}
