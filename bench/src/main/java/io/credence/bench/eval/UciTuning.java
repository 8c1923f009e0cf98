package io.credence.bench.eval;

import io.credence.bench.BenchCli;
import io.credence.bench.e2e.LaunchCommand;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How the eval default was chosen, reproducibly: candidate specs and epoch counts, each scored by the mean validation
 * log-likelihood over every data set, where validation rows are the last 20% of each training split (the test rows are
 * never read). Usage: {@code credence bench tune [--datasets SET,SET] DATA_ROOT SPLITS CANDIDATE...} ({@link TuneCommand}),
 * candidates as {@link Candidate#parse} reads them; {@code --datasets} screens a subset first (a candidate is chosen only on all five).
 */
public final class UciTuning {
    /** The data sets of {@code shared/data/uci}. */
    public static final List<String> DATASETS = List.of("bostonHousing", "concrete", "energy", "wine-quality-red", "yacht");

    /** A named change to the default spec and training budget. */
    public record Candidate(String name, int passes, UnaryOperator<ModelSpec.Builder> change) {

        /**
         * Parses e.g. {@code p1,kl=0.3,rb=800}: {@code pN} (or {@code eN}) passes (default {@link EvalDefaults#PASSES}), then any of
         * {@code kl} (KL weight), {@code lr}, {@code hidden=50x50}, {@code noise} (initial noise std), {@code lik=homo|het} (learned
         * homoscedastic noise, or a heteroscedastic network that also outputs the log-variance), {@code nu} (Student-t
         * noise with these degrees of freedom, {@code inf} for Gaussian), {@code rho}
         * (initial rho), {@code prior} (Gaussian prior sigma), {@code batch}, {@code est=reparam|local|flipout},
         * {@code samples} (training draws), {@code clip}, {@code avg} (Polyak averaging decay), {@code rb} (replay budget per record), {@code rs} (replay steps per
         * batch), {@code rw} (replay window), {@code act=relu|tanh|sigmoid}, {@code mix=SIGMA1} (Blundell et al.'s
         * scale-mixture prior, pi = 1/2, sigma1 = SIGMA1, sigma2 = e^-6, with the Monte Carlo KL it needs).
         */
        public static Candidate parse(String name) {
            int passes = EvalDefaults.PASSES;
            UnaryOperator<ModelSpec.Builder> change = b -> b;
            for (String part : name.split(",")) {
                if (part.matches("[ep]\\d+")) {
                    passes = Integer.parseInt(part.substring(1));
                    continue;
                }
                String[] kv = part.split("=", 2);
                if (kv.length != 2) throw new IllegalArgumentException("candidate part " + part + " is not eN or key=value");
                String v = kv[1];
                UnaryOperator<ModelSpec.Builder> one = switch (kv[0]) {
                    case "kl" -> b -> b.variational(vf -> vf.withKlWeight(Double.parseDouble(v)));
                    case "lr" -> b -> b.optimiser(o -> o.withLearningRate(Double.parseDouble(v)));
                    case "hidden" -> b -> b.network(n -> n
                            .withHidden(Arrays.stream(v.split("x")).map(Integer::valueOf).toList()));
                    case "noise" -> b -> b.likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC,
                            Double.parseDouble(v)));
                    case "lik" -> b -> b.likelihood(l -> l.withNoise(switch (v) {
                        case "homo" -> NoiseModel.HOMOSCEDASTIC;
                        case "het" -> NoiseModel.HETEROSCEDASTIC;
                        default -> throw new IllegalArgumentException("lik must be homo or het, got " + v);
                    }, 0.5));
                    case "nu" -> b -> b.likelihood(l -> l.withNoiseDegreesOfFreedom(v.equals("inf")
                            ? Double.POSITIVE_INFINITY : Double.parseDouble(v)));
                    case "rho" -> b -> b.variational(vf -> vf.withRhoInit(Double.parseDouble(v)));
                    case "prior" -> b -> b.variational(vf -> vf.withPrior(new PriorSpec.Gaussian(0,
                            Double.parseDouble(v))));
                    case "batch" -> b -> b.optimiser(o -> o.withBatchSize(Integer.parseInt(v)));
                    case "samples" -> b -> b.variational(vf -> vf.withTrainSamples(Integer.parseInt(v)));
                    case "clip" -> b -> b.optimiser(o -> o.withClipNorm(Double.parseDouble(v)));
                    case "avg" -> b -> b.optimiser(o -> o.withAveragingDecay(Double.parseDouble(v)));
                    case "rb" -> b -> b.streaming(s -> s.withReplayBudget(Double.parseDouble(v)));
                    case "rs" -> b -> b.streaming(s -> s.withReplaySteps(Integer.parseInt(v)));
                    case "rw" -> b -> b.streaming(s -> s.withReplayWindow(Integer.parseInt(v)));
                    case "act" -> b -> b.network(n -> n.withActivation(Activation.valueOf(v.toUpperCase(Locale.ROOT))));
                    case "mix" -> b -> b.variational(vf -> vf.withPrior(new PriorSpec.ScaleMixture(0.5,
                            Double.parseDouble(v), Math.exp(-6))))
                            .variational(vf -> vf.withKlMode(KlMode.MONTE_CARLO));
                    case "est" -> b -> b.variational(vf -> vf.withEstimator(switch (v) {
                        case "reparam" -> Estimator.REPARAMETERIZATION;
                        case "local" -> Estimator.LOCAL_REPARAMETERIZATION;
                        case "flipout" -> Estimator.FLIPOUT;
                        default -> throw new IllegalArgumentException("est must be reparam, local or flipout, got " + v);
                    }));
                    default -> throw new IllegalArgumentException("unknown candidate key " + kv[0]);
                };
                UnaryOperator<ModelSpec.Builder> before = change;
                change = b -> one.apply(before.apply(b));
            }
            return new Candidate(name, passes, change);
        }
    }

    private UciTuning() {}

    /** Standalone: {@code UciTuning [--datasets SET,SET] DATA_ROOT SPLITS CANDIDATE...} runs {@code credence bench tune}. */
    public static void main(String[] args) {
        BenchCli.exit(LaunchCommand.of(UciTuning.class, args), BenchCli.command("bench tune", args));
    }

    /** The comma-separated subset of {@link #DATASETS} named by {@code --datasets}, in the order given. */
    static List<String> datasets(String names) {
        List<String> sets = List.of(names.split(","));
        for (String set : sets) {
            if (!DATASETS.contains(set)) throw new IllegalArgumentException("unknown data set " + set + "; one of " + DATASETS);
        }
        return sets;
    }

    /** Prints one line: the candidate's validation LL and RMSE per data set and its mean LL over the data sets run. */
    static void tune(Candidate c, List<UciDataset> data, int splits, PrintStream out) {
        List<String> cells = new ArrayList<>();
        double llSum = 0;
        double seconds = 0;
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (UciDataset d : data) {
            // Candidates change the product default spec, so a row names everything it differs in.
            ModelSpec spec = c.change().apply(ModelSpec.regression("uci", d.features())).build();
            EvalOptions o = new EvalOptions(splits, c.passes(), spec, 1, true);
            EvalResult r = UciEvaluation.run(d, o, quiet);
            llSum += r.llMean();
            seconds += r.seconds();
            cells.add(String.format(Locale.ROOT, "%s ll %.3f rmse %.3f cov %.2f", d.name(), r.llMean(), r.rmseMean(), r.coverage90()));
        }
        out.printf(Locale.ROOT, "tune %-28s mean val ll %.4f | %s | %.0f s%n", c.name(), llSum / data.size(), String.join(" | ", cells), seconds);
        out.flush();
    }
}
