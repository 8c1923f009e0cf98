package io.credence.bench.core;

import io.credence.bench.BenchOptions;
import io.credence.bench.Figure;
import io.credence.bench.ReferenceResult;
import io.credence.bench.ReferenceRunner;
import io.credence.bench.Sample;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.ModelSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The core throughput benchmark: SVI examples/s and MC scoring examples/s (S = 100) for the networks of {@link #CONFIGS},
 * each repetition of Credence run beside a run of the PyTorch reference with the same sizes, data
 * recipe, seed and one torch thread (Credence runs on one thread too), and reported as ratios.
 */
public final class CoreBench {
    /** Input width of every configuration (the reference's {@code --synthetic N 13}). */
    public static final int FEATURES = 13;
    /** Monte Carlo draws per scored example. */
    public static final int SCORE_SAMPLES = 100;
    /** Rows per {@link Predictor#predict} call, as the reference's {@code --score-batch}. */
    public static final int SCORE_BATCH = 1024;
    /** The measured configurations: the tutorials' one hidden layer of 50, then two hidden layers of 50, 200 and 512. */
    public static final List<Config> CONFIGS = List.of(new Config(List.of(50), 32), new Config(List.of(50), 256),
            new Config(List.of(50, 50), 32), new Config(List.of(50, 50), 256), new Config(List.of(200, 200), 32),
            new Config(List.of(200, 200), 256), new Config(List.of(512, 512), 256));
    /** Training throughput Credence aims for, as a multiple of the reference's. */
    public static final double TRAIN_TARGET = 1.0;
    /** Scoring throughput Credence aims for, as a multiple of the reference's. */
    public static final double SCORE_TARGET = 2.0;
    private static final String RATE = "examples/s";
    private static final double MIN_SCORE_SECONDS = 0.5;

    /** One network shape and mini-batch size. */
    public record Config(List<Integer> hidden, int batch) {
        /** e.g. 13-50-50-1 */
        public String shape() {
            StringBuilder s = new StringBuilder().append(FEATURES);
            for (int h : hidden) s.append('-').append(h);
            return s.append("-1").toString();
        }

        /** e.g. 13-50-50-1.b32 */
        public String key() { return shape() + ".b" + batch; }

        /** Multiply-adds of one forward pass of one example through the whole network (weights only). */
        long multiplyAdds() {
            long sum = 0;
            int in = FEATURES;
            for (int h : hidden) {
                sum += (long) in * h;
                in = h;
            }
            return sum + in;
        }

        String hiddenArg() {
            return String.join(",", hidden.stream().map(String::valueOf).toList());
        }
    }

    /** Everything one run measured: the figures and the reference command lines used. */
    public record Result(List<Figure> figures, List<String> referenceCommands) {}

    private final BenchOptions options;
    /** This core's float32 multiply-adds per second ({@link FmaPeak}), or NaN where not measured. */
    private double peak = Double.NaN;
    private final ReferenceRunner reference;
    private final PrintStream log;

    /** @param reference the PyTorch reference, or null to measure Credence alone */
    public CoreBench(BenchOptions options, ReferenceRunner reference, PrintStream log) {
        this.options = options;
        this.reference = reference;
        this.log = log;
    }

    public Result run() {
        List<Figure> figures = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        // The core's limit, where the JVM has the Vector API's module (./credence adds it).
        peak = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? FmaPeak.multiplyAddsPerSecond() : Double.NaN;
        List<Figure> trainHeadline = new ArrayList<>();
        List<Figure> scoreHeadline = new ArrayList<>();
        for (Config config : CONFIGS) {
            ConfigRun run = measure(config, commands);
            figures.addAll(run.figures);
            if (run.train != null) trainHeadline.add(run.train);
            if (run.score != null) scoreHeadline.add(run.score);
        }
        if (!trainHeadline.isEmpty()) figures.add(0, headline("core.train.vs_reference", trainHeadline, TRAIN_TARGET));
        if (!scoreHeadline.isEmpty()) figures.add(1, headline("core.score_s100.vs_reference", scoreHeadline, SCORE_TARGET));
        if (!Double.isNaN(peak)) {
            figures.add(Figure.alone("core.fma_peak", Sample.of(new double[] {peak}), "multiply-adds/s",
                    "one core's float32 multiply-add limit: 12 independent fused multiply-add chains on the JDK's widest vectors, no memory traffic"));
        }
        return new Result(figures, commands);
    }

    /** The worst configuration's figure under the headline name: the target must hold for every configuration. */
    private static Figure headline(String name, List<Figure> perConfig, double target) {
        Figure worst = perConfig.stream().min((a, b) -> Double.compare(a.ratio(), b.ratio())).orElseThrow();
        String ratios = String.join(", ", perConfig.stream()
                .map(f -> f.name().replaceFirst("^core\\.(train|score_s100)\\.", "").replaceFirst("\\.reparam$", "")
                        + " " + String.format(Locale.ROOT, "%.2fx", f.ratio())).toList());
        return new Figure(name, worst.value(), worst.unit(), worst.reference(), worst.ratio(), worst.low(), worst.high(),
                worst.ratioLow(), worst.ratioHigh(), target, "worst of " + perConfig.size() + " configurations ("
                + ratios + "), vs the reference at 1 torch thread");
    }

    private record ConfigRun(List<Figure> figures, Figure train, Figure score) {}

    private ConfigRun measure(Config config, List<String> commands) {
        SyntheticData data = SyntheticData.generate(options.rows(), FEATURES, options.seed());
        int trainRows = data.trainX().length;
        ModelSpec reparam = ReferenceModel.spec(FEATURES, config.hidden(), config.batch(), Estimator.REPARAMETERIZATION, trainRows, options.seed());
        ModelSpec local = reparam.toBuilder().variational(v -> v.withEstimator(Estimator.LOCAL_REPARAMETERIZATION))
                .build();

        warmUp(reparam, local, data);
        int reps = options.repetitions();
        double[] sviRate = new double[reps], localRate = new double[reps], learnRate = new double[reps];
        double[] scoreRate = new double[reps], intervalRate = new double[reps];
        double[] ref1Train = new double[reps], ref1Score = new double[reps], ref2Train = new double[reps], ref2Score = new double[reps];
        boolean withReference = reference != null;
        for (int r = 0; r < reps; r++) {
            SviWorkload workload = new SviWorkload(reparam, data.trainX(), data.trainY());
            long t0 = System.nanoTime();
            sviRate[r] = workload.epoch() / seconds(t0);
            Posterior posterior = workload.posterior();
            localRate[r] = trainRate(local, data);
            learnRate[r] = learnerRate(reparam, data);
            scoreRate[r] = scoreRate(posterior, data.testX(), Predictor.DEFAULT_QUANTILES);
            intervalRate[r] = scoreRate(posterior, data.testX(), new double[0]);
            String line = String.format(Locale.ROOT, "core %-15s rep %d/%d: svi %,.0f, svi-local %,.0f, learn %,.0f, score %,.0f (interval only %,.0f) examples/s",
                    config.key(), r + 1, reps, sviRate[r], localRate[r], learnRate[r], scoreRate[r], intervalRate[r]);
            if (withReference) {
                ReferenceResult one = referenceRun(config, 1, r == 0 ? commands : null);
                ref1Train[r] = one.trainPerSecond();
                ref1Score[r] = one.scorePerSecond();
                line += String.format(Locale.ROOT, "; torch(1) train %,.0f score %,.0f", ref1Train[r], ref1Score[r]);
                if (options.twoThreadReference()) {
                    ReferenceResult two = referenceRun(config, 2, r == 0 ? commands : null);
                    ref2Train[r] = two.trainPerSecond();
                    ref2Score[r] = two.scorePerSecond();
                    line += String.format(Locale.ROOT, "; torch(2) train %,.0f score %,.0f", ref2Train[r], ref2Score[r]);
                }
            }
            log.println(line);
        }

        String k = config.key();
        String base = config.shape() + ", batch " + config.batch() + ", " + trainRows + " training rows";
        List<Figure> figures = new ArrayList<>();
        Figure train, score;
        if (withReference) {
            Sample ref1T = Sample.of(ref1Train), ref1S = Sample.of(ref1Score);
            long network = config.multiplyAdds();
            train = Figure.against("core.train." + k + ".reparam", Sample.of(sviRate), ref1T, RATE, TRAIN_TARGET,
                    "Svi.step, weight reparameterisation (as the reference), " + base
                            + ofPeak(3 * network, Sample.of(sviRate).median(), ref1T.median(), "3 x the network's multiply-adds (forward, backward)"));
            score = Figure.against("core.score_s100." + k, Sample.of(scoreRate), ref1S, RATE, SCORE_TARGET,
                    "Predictor.predict, S=100, batches of " + SCORE_BATCH + ", interval and 5 quantiles, incl. drawing the sample bank"
                            + ofPeak(SCORE_SAMPLES * network, Sample.of(scoreRate).median(), ref1S.median(), "100 x the network's multiply-adds"));
            figures.add(train);
            figures.add(Figure.against("core.train." + k + ".local_reparam", Sample.of(localRate), ref1T, RATE, null,
                    "Svi.step, local reparameterisation (Credence's default), " + base));
            figures.add(Figure.against("core.train." + k + ".online_learner", Sample.of(learnRate), ref1T, RATE, null,
                    "OnlineLearner.learn: prequential scoring (S=10) + standardisation + Svi.step, " + base));
            figures.add(score);
            figures.add(Figure.against("core.score_s100." + k + ".interval_only", Sample.of(intervalRate), ref1S, RATE, null,
                    "Predictor.predict, S=100, 90% interval but no extra quantiles"));
            if (options.twoThreadReference()) {
                figures.add(Figure.against("core.train." + k + ".vs_torch2", Sample.of(sviRate), Sample.of(ref2Train), RATE, null,
                        "Svi.step (1 thread) vs the reference at 2 torch threads"));
                figures.add(Figure.against("core.score_s100." + k + ".vs_torch2", Sample.of(scoreRate), Sample.of(ref2Score), RATE, null,
                        "Predictor.predict (1 thread) vs the reference at 2 torch threads"));
            }
        } else {
            train = null;
            score = null;
            figures.add(Figure.alone("core.train." + k + ".reparam", Sample.of(sviRate), RATE, "Svi.step, weight reparameterisation, " + base));
            figures.add(Figure.alone("core.train." + k + ".local_reparam", Sample.of(localRate), RATE, "Svi.step, local reparameterisation, " + base));
            figures.add(Figure.alone("core.train." + k + ".online_learner", Sample.of(learnRate), RATE, "OnlineLearner.learn, " + base));
            figures.add(Figure.alone("core.score_s100." + k, Sample.of(scoreRate), RATE, "Predictor.predict, S=100"));
            figures.add(Figure.alone("core.score_s100." + k + ".interval_only", Sample.of(intervalRate), RATE, "Predictor.predict, S=100, interval only"));
        }
        return new ConfigRun(figures, train, score);
    }

    /**
     * ", x G multiply-adds/s, p% of the core's peak (the reference q%)" for a rate of examples/s costing {@code perExample}
     * multiply-adds each, as the reference computes them; empty where the peak was not measured.
     */
    private String ofPeak(long perExample, double rate, double referenceRate, String counted) {
        if (Double.isNaN(peak)) return "";
        return String.format(Locale.ROOT, "; %.1f G multiply-adds/s counting %s: %.0f%% of the core's peak (the reference %.0f%%)",
                perExample * rate / 1e9, counted, 100 * perExample * rate / peak, 100 * perExample * referenceRate / peak);
    }

    /** Untimed runs of every Credence workload on a quarter of the rows, so the JIT has compiled them. */
    private void warmUp(ModelSpec reparam, ModelSpec local, SyntheticData data) {
        int n = Math.min(data.trainX().length, Math.max(2 * SCORE_BATCH, data.trainX().length / 4));
        SyntheticData part = new SyntheticData(Arrays.copyOf(data.trainX(), n), Arrays.copyOf(data.trainY(), n), data.testX(), data.testY());
        SviWorkload w = new SviWorkload(reparam, part.trainX(), part.trainY());
        w.epoch();
        trainRate(local, part);
        learnerRate(reparam, part);
        scoreRate(w.posterior(), data.testX(), Predictor.DEFAULT_QUANTILES);
        scoreRate(w.posterior(), data.testX(), new double[0]);
    }

    private static double trainRate(ModelSpec spec, SyntheticData data) {
        SviWorkload workload = new SviWorkload(spec, data.trainX(), data.trainY());
        long t0 = System.nanoTime();
        long done = workload.epoch();
        return done / seconds(t0);
    }

    /** OnlineLearner.learn over the raw training rows, in order, one mini-batch at a time. */
    private static double learnerRate(ModelSpec spec, SyntheticData data) {
        OnlineLearner learner = OnlineLearner.create(spec);
        double[][] x = data.trainX();
        double[] y = data.trainY();
        int b = spec.optimiser().batchSize();
        long t0 = System.nanoTime();
        for (int start = 0; start < x.length; start += b) {
            int end = Math.min(x.length, start + b);
            learner.learn(Arrays.copyOfRange(x, start, end), Arrays.copyOfRange(y, start, end), null);
        }
        return x.length / seconds(t0);
    }

    /**
     * Passes over the test rows, each decoding the posterior (which draws the S-sample bank) and scoring every row in
     * batches of {@value #SCORE_BATCH}, repeated until {@value #MIN_SCORE_SECONDS} s have passed: a single pass is
     * too short to time on a shared machine.
     */
    private double scoreRate(Posterior posterior, double[][] testX, double[] quantiles) {
        long t0 = System.nanoTime();
        long done = 0;
        double checksum = 0;
        do {
            Predictor predictor = Predictor.of(posterior, options.seed());
            for (int start = 0; start < testX.length; start += SCORE_BATCH) {
                double[][] chunk = Arrays.copyOfRange(testX, start, Math.min(testX.length, start + SCORE_BATCH));
                checksum += predictor.predict(chunk, SCORE_SAMPLES, quantiles)[0].mean();
            }
            done += testX.length;
        } while (seconds(t0) < MIN_SCORE_SECONDS);
        if (!Double.isFinite(checksum)) throw new IllegalStateException("scoring produced a non-finite mean");
        return done / seconds(t0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private ReferenceResult referenceRun(Config config, int threads, List<String> commands) {
        List<String> args = List.of("--synthetic", String.valueOf(options.rows()), String.valueOf(FEATURES),
                "--hidden", config.hiddenArg(), "--batch", String.valueOf(config.batch()), "--threads", String.valueOf(threads),
                "--score-samples", String.valueOf(SCORE_SAMPLES), "--score-batch", String.valueOf(SCORE_BATCH),
                "--epochs", "1", "--seed", String.valueOf(options.seed()));
        if (commands != null) commands.add(reference.commandLine(args));
        return reference.run(args);
    }

}
