package io.credence.bench.eval;

import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the eval default was chosen, reproducibly: candidate specs and epoch counts, each scored by the mean validation
 * log-likelihood over every data set, where validation rows are the last 20% of each training split (the test rows are
 * never read). Usage: {@code UciTuning DATA_ROOT SPLITS CANDIDATE...}; with no candidate, lists them.
 */
public final class UciTuning {
    /** The data sets of {@code shared/data/uci}. */
    public static final List<String> DATASETS = List.of("bostonHousing", "concrete", "energy", "wine-quality-red", "yacht");

    /** A named change to the default spec and training budget. */
    public record Candidate(String name, int epochs, UnaryOperator<ModelSpec.Builder> change) {}

    static final Map<String, Candidate> CANDIDATES = new LinkedHashMap<>();

    static {
        for (int e : new int[] {40, 100, 200, 400, 800}) add("e" + e, e, b -> b);
        for (int e : new int[] {200, 400}) {
            add("e" + e + "-lr3e-3", e, b -> b.learningRate(0.003));
            add("e" + e + "-2x50", e, b -> b.hidden(50, 50));
            add("e" + e + "-noise0.1", e, b -> b.noise(NoiseModel.HOMOSCEDASTIC, 0.1));
            add("e" + e + "-reparam", e, b -> b.estimator(Estimator.REPARAMETERIZATION));
            add("e" + e + "-rho-6", e, b -> b.rhoInit(-6));
            add("e" + e + "-prior0.5", e, b -> b.prior(new PriorSpec.Gaussian(0, 0.5)));
            add("e" + e + "-b16", e, b -> b.batchSize(16));
            add("e" + e + "-100", e, b -> b.hidden(100));
            add("e" + e + "-kl0.3", e, b -> b.klWeight(0.3));
            add("e" + e + "-2x50-kl0.3", e, b -> b.hidden(50, 50).klWeight(0.3));
        }
    }

    private static void add(String name, int epochs, UnaryOperator<ModelSpec.Builder> change) {
        CANDIDATES.put(name, new Candidate(name, epochs, change));
    }

    private UciTuning() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "bench-logback.xml");
        if (args.length < 3) {
            System.out.println("usage: UciTuning DATA_ROOT SPLITS CANDIDATE...; candidates: " + String.join(" ", CANDIDATES.keySet()));
            return;
        }
        Path root = Path.of(args[0]);
        int splits = Integer.parseInt(args[1]);
        List<UciDataset> data = DATASETS.stream().map(d -> UciDataset.load(root.resolve(d))).toList();
        for (int i = 2; i < args.length; i++) {
            Candidate c = CANDIDATES.get(args[i]);
            if (c == null) throw new IllegalArgumentException("unknown candidate " + args[i] + "; known: " + CANDIDATES.keySet());
            tune(c, data, splits, System.out);
        }
    }

    /** Prints one line: the candidate's validation LL and RMSE per data set and its mean LL over data sets. */
    static void tune(Candidate c, List<UciDataset> data, int splits, PrintStream out) {
        List<String> cells = new ArrayList<>();
        double llSum = 0;
        double seconds = 0;
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (UciDataset d : data) {
            ModelSpec spec = c.change().apply(EvalDefaults.spec(d.features()).toBuilder()).build();
            EvalOptions o = new EvalOptions(splits, c.epochs(), spec, 1, true);
            EvalResult r = UciEvaluation.run(d, o, quiet);
            llSum += r.llMean();
            seconds += r.seconds();
            cells.add(String.format(Locale.ROOT, "%s ll %.3f rmse %.3f cov %.2f", d.name(), r.llMean(), r.rmseMean(), r.coverage90()));
        }
        out.printf(Locale.ROOT, "tune %-16s mean val ll %.4f | %s | %.0f s%n", c.name(), llSum / data.size(), String.join(" | ", cells), seconds);
        out.flush();
    }
}
