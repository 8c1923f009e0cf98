package io.credence.cli.posterior;

import io.credence.bnn.data.Standardizer;
import io.credence.bnn.data.StandardizerState;

import java.util.ArrayList;
import java.util.List;

/**
 * The mean and std of one column as the learner's online standardiser has them (z = (v - mean) / std), with the
 * standardiser's own conventions: std 1 before two rows or for a column without spread.
 */
public record ColumnScale(String name, double mean, double std) {

    /** The columns of {@code state}, named {@code names} in order. */
    public static List<ColumnScale> of(StandardizerState state, List<String> names) {
        Standardizer s = new Standardizer(state);
        if (names.size() != s.columns()) {
            throw new IllegalArgumentException(names.size() + " names for a standardiser of " + s.columns() + " columns");
        }
        List<ColumnScale> out = new ArrayList<>(s.columns());
        for (int j = 0; j < s.columns(); j++) out.add(new ColumnScale(names.get(j), s.mean(j), s.std(j)));
        return out;
    }
}
