package io.credence.bench.eval;

import java.util.Map;

/**
 * MC dropout's published test figures on these splits (Gal and Ghahramani 2016, tuned by grid search, one hidden layer
 * of 50), as listed in {@code shared/data/uci/README.md}: the bar the evaluation is compared with.
 *
 * @param rows     examples in the data set
 * @param features input width
 * @param rmse     mean test RMSE over 20 splits
 * @param ll       mean test log-likelihood over 20 splits
 */
public record PublishedFigures(int rows, int features, double rmse, double ll) {
    /** By data set folder name. */
    public static final Map<String, PublishedFigures> MC_DROPOUT = Map.of(
            "bostonHousing", new PublishedFigures(506, 13, 2.90, -2.40),
            "concrete", new PublishedFigures(1030, 8, 4.82, -2.93),
            "energy", new PublishedFigures(768, 8, 0.54, -1.21),
            "wine-quality-red", new PublishedFigures(1599, 11, 0.62, -0.93),
            "yacht", new PublishedFigures(308, 6, 0.67, -1.25));
}
