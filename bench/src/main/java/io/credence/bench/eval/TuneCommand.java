package io.credence.bench.eval;

import io.credence.bench.BenchCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code credence bench tune}: scores candidate changes to the default spec on validation rows ({@link UciTuning}). */
@Command(name = "tune",
        header = "Scores candidate changes to the default spec by mean validation log-likelihood.",
        description = "Evaluates each CANDIDATE on the last 20%% of the training rows of splits 0..SPLITS-1 of every data "
                + "set (the test rows are never read) and prints one line per candidate: its mean validation "
                + "log-likelihood over the data sets, then LL, RMSE and 90%% coverage per set. A candidate is "
                + "comma-separated changes to the product default spec: pN (passes), kl, lr, hidden=50x50, noise, "
                + "lik=homo|het, nu (inf: Gaussian), rho, prior, batch, est=reparam|local|flipout, samples, clip, avg, "
                + "rb, rs, rw, act=relu|tanh|sigmoid, mix=SIGMA1 (see UciTuning.Candidate.parse).",
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench tune ../shared/data/uci 5 rb=400 rb=800",
                "  credence bench tune --datasets yacht,energy ../shared/data/uci 2 p1,kl=0.3"})
public final class TuneCommand implements Callable<Integer> {

    @Option(names = "--datasets", paramLabel = "SET,SET", description = "Screen these data sets only (default: all of "
            + "bostonHousing, concrete, energy, wine-quality-red, yacht; a candidate is chosen only on all five).")
    String datasets;

    @Parameters(index = "0", paramLabel = "DATA_ROOT", description = "The folder of the data sets, e.g. ../shared/data/uci.")
    Path root;

    @Parameters(index = "1", paramLabel = "SPLITS", description = "Splits 0..SPLITS-1 of each data set.")
    int splits;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "CANDIDATE", description = "Candidates, e.g. p1,kl=0.3,rb=800.")
    List<UciTuning.Candidate> candidates;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> sets = datasets == null ? UciTuning.DATASETS : BenchCli.usage(spec, () -> UciTuning.datasets(datasets));
        List<UciDataset> data = sets.stream().map(d -> UciDataset.load(root.resolve(d))).toList();
        for (UciTuning.Candidate c : candidates) UciTuning.tune(c, data, splits, System.out);
        return 0;
    }
}
