package io.credence.system.harness;

import io.credence.avro.Prediction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Committed predictions counted per request id: the scorer's exactly-once check. */
public final class PredictionLedger {

    private final Map<String, Integer> perRequest = new HashMap<>();

    private PredictionLedger(List<Prediction> predictions) {
        for (Prediction p : predictions) perRequest.merge(p.getRequestId(), 1, Integer::sum);
    }

    /** The ledger of {@code predictions}, read under read_committed. */
    public static PredictionLedger of(List<Prediction> predictions) {
        return new PredictionLedger(predictions);
    }

    /** Checks that every one of {@code requested} has exactly one prediction and nothing else has any. */
    public void assertExactlyOnce(Set<String> requested) {
        Set<String> twice = new TreeSet<>();
        perRequest.forEach((id, n) -> {
            if (n > 1) twice.add(id + " x" + n);
        });
        assertThat(twice).as("request ids with more than one committed prediction").isEmpty();
        Set<String> missing = new TreeSet<>(requested);
        missing.removeAll(perRequest.keySet());
        assertThat(missing).as("request ids without a committed prediction").isEmpty();
        Set<String> unexpected = new TreeSet<>(perRequest.keySet());
        unexpected.removeAll(requested);
        assertThat(unexpected).as("predictions for requests never made").isEmpty();
    }
}
