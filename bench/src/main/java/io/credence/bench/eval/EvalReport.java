package io.credence.bench.eval;

import io.credence.bench.MachineFacts;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown section of a UCI evaluation run: Credence next to the PyTorch reference and published MC dropout. */
public final class EvalReport {
    private EvalReport() {}

    /**
     * @param section   section id, e.g. {@code eval} or {@code eval.streams}
     * @param credence  one result per data set
     * @param reference the PyTorch reference's results by data set (may be empty)
     */
    public static String markdown(String section, List<EvalResult> credence, Map<String, EvalResult> reference,
                                  MachineFacts machine, String command) {
        StringBuilder md = new StringBuilder();
        EvalResult any = credence.get(0);
        md.append("## UCI regression: test log-likelihood and RMSE (").append(any.path()).append(any.validation() ? ", validation rows" : "")
                .append(")\n\n");
        md.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" (").append(machine.cores()).append(" cores, ")
                .append(machine.jdk()).append(", ").append(machine.kernel()).append(") with\n\n    ").append(command).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d split(s) per data set, %d pass(es); mean +- standard error over splits; RMSE and "
                + "log-likelihood per test example in the target's original units; LL is the Monte Carlo predictive mixture's "
                + "(S = %d). Spec of the first split below. PyTorch reference: `shared/bench/bbb_torch.py` on the same splits "
                + "and passes. MC dropout: published (data README).%n%n", any.splits(), any.passes(), any.spec() == null ? 0
                : any.spec().path("scoreSamples").asInt()));
        if (any.splits() < 20) {
            md.append("Only ").append(any.splits()).append(" of the 20 splits: the comparison with MC dropout's 20-split means is indicative only.\n\n");
        }
        md.append("| data set | Credence RMSE | Credence test LL | 90% cov. | PyTorch ref RMSE | PyTorch ref LL | MC dropout RMSE | MC dropout LL | LL >= dropout | updates / split | s / split |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |\n");
        for (EvalResult r : credence) {
            EvalResult ref = reference.get(r.dataset());
            PublishedFigures mc = PublishedFigures.MC_DROPOUT.get(r.dataset());
            md.append("| ").append(r.dataset())
                    .append(String.format(Locale.ROOT, " | %.2f +- %.2f | **%.2f +- %.2f** | %.2f", r.rmseMean(), r.rmseSe(), r.llMean(), r.llSe(), r.coverage90()))
                    .append(ref == null ? " | | " : String.format(Locale.ROOT, " | %.2f +- %.2f | %.2f +- %.2f", ref.rmseMean(), ref.rmseSe(), ref.llMean(), ref.llSe()))
                    .append(mc == null ? " | | | " : String.format(Locale.ROOT, " | %.2f | %.2f | %s", mc.rmse(), mc.ll(), r.llMean() >= mc.ll() ? "yes" : "no"))
                    .append(String.format(Locale.ROOT, " | %,.0f | %.1f |%n",
                            r.perSplit().stream().mapToLong(SplitResult::updates).average().orElse(0), r.seconds() / r.splits()));
        }
        if (any.spec() != null) md.append("\nSpec (first split of the first data set):\n\n```json\n").append(any.spec().toPrettyString()).append("\n```\n");
        return md.toString();
    }
}
