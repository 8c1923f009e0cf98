package io.credence.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.schemas.codec.ModelSpecJson;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The UCI protocol (Hernandez-Lobato and Adams 2015) run in process on bnn-core: for each split, an
 * {@link OnlineLearner} learns the training rows in mini-batches for E shuffled passes (as a replayed stream would feed
 * them), then a {@link Predictor} scores the test rows: RMSE of the predictive mean, mean log predictive density (the
 * Monte Carlo Gaussian mixture) and coverage of the central 90% interval, all in the target's original units. Inputs
 * and target are standardised by the learner's online standardiser, which only ever sees training rows.
 */
public final class UciEvaluation {
    private static final double[] INTERVAL_90 = {0.05, 0.95};
    private static final ObjectMapper JSON = new ObjectMapper();

    private UciEvaluation() {}

    /** The spec one split trains: the template with this data set's width, and KL / N for the N training rows. */
    public static ModelSpec splitSpec(ModelSpec template, String dataset, int features, int trainRows, long seed) {
        return template.toBuilder().modelId(dataset).features(features)
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, trainRows, 1.0)).seed(seed).build();
    }

    /** Evaluates splits 0..options.splits()-1 of {@code data}, printing one line per split to {@code log}. */
    public static EvalResult run(UciDataset data, EvalOptions options, PrintStream log) {
        if (options.splits() > data.splits()) {
            throw new IllegalArgumentException(data.name() + " has " + data.splits() + " splits, asked for " + options.splits());
        }
        ModelSpec template = options.spec() != null ? options.spec() : EvalDefaults.spec(data.features());
        List<SplitResult> results = new ArrayList<>();
        ModelSpec first = null;
        for (int k = 0; k < options.splits(); k++) {
            UciDataset.Split split = data.split(k);
            if (options.validation()) split = split.validation(EvalOptions.VALIDATION_FRACTION);
            ModelSpec spec = splitSpec(template, data.name(), data.features(), split.trainX().length, GaussianSource.mix(options.seed(), k));
            if (first == null) first = spec;
            SplitResult r = evaluate(k, spec, split, options.passes());
            results.add(r);
            log.printf(Locale.ROOT, "%s split %2d%s: rmse %.4f  ll %.4f  coverage90 %.3f  (%d train, %d test rows, %.1f s)%n",
                    data.name(), k, options.validation() ? " (validation)" : "", r.rmse(), r.ll(), r.coverage90(),
                    r.trainRows(), r.testRows(), r.seconds());
        }
        return EvalResult.of(data.name(), "in-process", options.passes(), options.validation(), specJson(first), results);
    }

    /**
     * The order in which the stream delivers the training rows: the split's own order (the standard splits list their
     * rows in a random order), {@code passes} times over. Mini-batches are cut from this sequence as the trainer cuts
     * them from a stream (across pass boundaries), so the in-process and through-the-streams paths learn the same
     * batches.
     */
    public static int[] streamOrder(int rows, int passes) {
        int[] order = new int[rows * passes];
        for (int i = 0; i < order.length; i++) order[i] = i % rows;
        return order;
    }

    /** Trains on {@code split}'s training rows sent {@code passes} times and scores its test rows. */
    public static SplitResult evaluate(int index, ModelSpec spec, UciDataset.Split split, int passes) {
        long t0 = System.nanoTime();
        OnlineLearner learner = train(spec, split, passes);
        checkStandardisedOnTrainingRows(learner, split.trainX(), split.trainY());
        Scores s = score(Predictor.of(learner.posterior(), spec.seed()), split.testX(), split.testY(),
                spec.scoring().scoreSamples());
        return new SplitResult(index, s.rmse, s.ll, s.coverage, (System.nanoTime() - t0) / 1e9, split.trainX().length, split.testX().length,
                learner.updates());
    }

    /**
     * An online learner fed {@code split}'s training rows in {@link #streamOrder}, in mini-batches of the spec's size,
     * that then rehearses until its replay budget is spent, as the trainer does once the stream is quiet.
     */
    public static OnlineLearner train(ModelSpec spec, UciDataset.Split split, int passes) {
        OnlineLearner learner = OnlineLearner.create(spec);
        double[][] x = split.trainX();
        double[] y = split.trainY();
        int[] order = streamOrder(x.length, passes);
        int batch = spec.optimiser().batchSize();
        long rejected = 0, updates = 0;
        for (int start = 0; start < order.length; start += batch) {
            int b = Math.min(batch, order.length - start);
            double[][] xb = new double[b][];
            double[] yb = new double[b];
            for (int r = 0; r < b; r++) {
                xb[r] = x[order[start + r]];
                yb[r] = y[order[start + r]];
            }
            StepReport report = learner.learn(xb, yb, null);
            updates++;
            if (!report.accepted()) rejected++;
        }
        // What the trainer does once the stream is quiet: rehearse until the replay budget is spent.
        while (learner.replay()) {
            // one rehearsal step per call
        }
        if (rejected == updates) throw new IllegalStateException(spec.modelId() + ": every update was rejected (non-finite)");
        return learner;
    }

    private record Scores(double rmse, double ll, double coverage) {}

    private static Scores score(Predictor predictor, double[][] testX, double[] testY, int samples) {
        Predictor.Evaluation ev = predictor.evaluate(testX, testY, samples, INTERVAL_90);
        double se = 0, ll = 0, covered = 0;
        for (int i = 0; i < testY.length; i++) {
            PredictiveSummary s = ev.summaries()[i];
            se += (s.mean() - testY[i]) * (s.mean() - testY[i]);
            ll += ev.logDensities()[i];
            if (testY[i] >= s.quantiles()[0] && testY[i] <= s.quantiles()[1]) covered++;
        }
        int m = testY.length;
        return new Scores(Math.sqrt(se / m), ll / m, covered / m);
    }

    /**
     * The protocol standardises on training rows only. The learner's online standardiser folds in exactly the rows it
     * learns from (E times each, which leaves mean and population variance unchanged), so its final state must equal
     * the training rows' own statistics; anything else means test rows leaked in or the fold is wrong.
     */
    static void checkStandardisedOnTrainingRows(OnlineLearner learner, double[][] x, double[] y) {
        StandardizerState in = learner.posterior().inputs();
        for (int j = 0; j < x[0].length; j++) {
            final int col = j;
            double[] column = Arrays.stream(x).mapToDouble(r -> r[col]).toArray();
            requireClose("input " + j + " mean", in.mean()[j], mean(column));
            requireClose("input " + j + " variance", in.m2()[j] / in.count(), variance(column));
        }
        StandardizerState t = learner.posterior().target();
        requireClose("target mean", t.mean()[0], mean(y));
        requireClose("target variance", t.m2()[0] / t.count(), variance(y));
    }

    private static void requireClose(String what, double online, double batch) {
        if (Math.abs(online - batch) > 1e-8 * (1 + Math.abs(batch))) {
            throw new IllegalStateException("standardiser " + what + " is " + online + " but the training rows give " + batch);
        }
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double variance(double[] v) {
        double m = mean(v);
        return Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / v.length;
    }

    static JsonNode specJson(ModelSpec spec) {
        try {
            return JSON.readTree(ModelSpecJson.toJson(spec));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
