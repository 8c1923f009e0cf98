package io.credence.bench.eval;

import io.credence.bench.ReferenceResult;
import io.credence.bench.ReferenceRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PyTorch reference ({@code shared/bench/bbb_torch.py}) on the same UCI splits: its test RMSE, log-likelihood and
 * 90% coverage per split, aggregated like Credence's. Same architecture (one hidden layer of 50), prior N(0, 1),
 * learned noise, Adam at 0.01, batch 32, epochs as given; weight (not local) reparameterisation.
 */
public final class ReferenceSplits {
    private ReferenceSplits() {}

    /** The command line of one split, for the record. */
    public static List<String> args(UciDataset data, int split, int epochs, int batch) {
        return List.of("--data", data.folder().toString(), "--split", String.valueOf(split), "--epochs", String.valueOf(epochs),
                "--batch", String.valueOf(batch), "--threads", "1");
    }

    /** Runs splits 0..splits-1 and aggregates them (path "pytorch-reference"). */
    public static EvalResult run(ReferenceRunner reference, UciDataset data, int splits, int epochs, int batch, java.io.PrintStream log) {
        List<SplitResult> results = new ArrayList<>();
        for (int k = 0; k < splits; k++) {
            long t0 = System.nanoTime();
            ReferenceResult r = reference.run(args(data, k, epochs, batch));
            SplitResult s = new SplitResult(k, r.testRmse(), r.testLl(), r.coverage90(), (System.nanoTime() - t0) / 1e9, 0, 0, 0);
            results.add(s);
            log.printf(Locale.ROOT, "%s split %2d (pytorch reference): rmse %.4f  ll %.4f  coverage90 %.3f  (%.1f s)%n",
                    data.name(), k, s.rmse(), s.ll(), s.coverage90(), s.seconds());
        }
        return EvalResult.of(data.name(), "pytorch-reference", epochs, false, null, results);
    }
}
