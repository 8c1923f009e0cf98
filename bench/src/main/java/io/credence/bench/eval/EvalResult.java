package io.credence.bench.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One data set's evaluation over its splits: means and standard errors (sd / sqrt(K)) of the per-split metrics.
 *
 * @param dataset    data set name
 * @param path       how the rows were fed: {@code in-process} (OnlineLearner) or {@code streams}
 * @param splits     number of splits evaluated
 * @param passes     times each training row was sent
 * @param validation true when the test rows were the last 20% of each training split (tuning), not the test split
 * @param rmseMean   mean test RMSE (original units)
 * @param rmseSe     its standard error
 * @param llMean     mean test log-likelihood per example (original units)
 * @param llSe       its standard error
 * @param coverage90 mean share of test targets inside the 90% interval
 * @param seconds    total wall time
 * @param spec       the model spec used (as in spec.json), features and effectiveDataSize of the first split
 * @param perSplit   every split's metrics
 */
@JsonPropertyOrder({"dataset", "path", "splits", "passes", "validation", "rmse_mean", "rmse_se", "ll_mean", "ll_se",
        "coverage_90", "seconds", "spec", "per_split"})
public record EvalResult(String dataset, String path, int splits, int passes, boolean validation,
                         @JsonProperty("rmse_mean") double rmseMean, @JsonProperty("rmse_se") double rmseSe,
                         @JsonProperty("ll_mean") double llMean, @JsonProperty("ll_se") double llSe,
                         @JsonProperty("coverage_90") double coverage90, double seconds, JsonNode spec,
                         @JsonProperty("per_split") List<SplitResult> perSplit) {

    /** Aggregates {@code results} (at least one). */
    public static EvalResult of(String dataset, String path, int passes, boolean validation, JsonNode spec, List<SplitResult> results) {
        int k = results.size();
        double[] rmse = results.stream().mapToDouble(SplitResult::rmse).toArray();
        double[] ll = results.stream().mapToDouble(SplitResult::ll).toArray();
        return new EvalResult(dataset, path, k, passes, validation, mean(rmse), standardError(rmse), mean(ll), standardError(ll),
                results.stream().mapToDouble(SplitResult::coverage90).average().orElseThrow(),
                results.stream().mapToDouble(SplitResult::seconds).sum(), spec, List.copyOf(results));
    }

    /** Writes this result as one indented JSON object ({@code --json FILE} of the eval command). */
    public void writeJson(java.nio.file.Path file) {
        EvalCommand.write(file, this);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Sample standard deviation over sqrt(n); 0 for a single value. */
    static double standardError(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    }
}
