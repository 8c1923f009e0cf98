package io.credence.bench.core;

import io.credence.bench.BenchOptions;
import io.credence.bench.Figure;
import io.credence.bench.MachineFacts;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown section of the core benchmark: machine, command, headline ratios and one table row per figure. */
public final class CoreReport {
    /** Section id in docs/benchmarks.md. */
    public static final String SECTION = "core";

    private CoreReport() {}

    public static String markdown(CoreBench.Result result, MachineFacts machine, BenchOptions options, String command, String torch) {
        StringBuilder md = new StringBuilder();
        md.append("## Core throughput: Credence vs the PyTorch reference\n\n");
        md.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" with\n\n    ").append(command).append("\n\n");
        md.append(String.format(Locale.ROOT, "Synthetic data as the reference's `synthetic(n, 13)` (%,d rows, 90%% train), seed %d, "
                        + "%d repetition(s) per figure after an untimed warm-up; each Credence repetition runs beside a reference "
                        + "run, values are medians with [min, max]; ratio = median over repetitions of Credence / the reference "
                        + "run beside it, with the range of those per-repetition ratios.\n\n", options.rows(), options.seed(), options.repetitions()));
        md.append("| machine | |\n| --- | --- |\n");
        for (Map.Entry<String, String> e : machine.asMap().entrySet()) md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        if (torch != null) md.append("| reference | PyTorch ").append(torch).append(" (Debian python3-torch; the bench refuses a reference on netlib's BLAS), `--threads 1` unless noted |\n");
        md.append('\n');
        List<Figure> figures = result.figures();
        md.append("| figure | Credence | reference | ratio | target | what |\n| --- | ---: | ---: | ---: | ---: | --- |\n");
        for (Figure f : figures) {
            md.append("| `").append(f.name()).append("` | ")
                    .append(String.format(Locale.ROOT, "%,.0f [%,.0f, %,.0f]", f.value(), f.low(), f.high())).append(" | ")
                    .append(f.reference() == null ? "" : String.format(Locale.ROOT, "%,.0f", f.reference())).append(" | ")
                    .append(f.ratio() == null ? "" : String.format(Locale.ROOT, "**%.2fx** [%.2f, %.2f]", f.ratio(), f.ratioLow(), f.ratioHigh())).append(" | ")
                    .append(f.target() == null ? "" : String.format(Locale.ROOT, ">= %.1fx %s", f.target(), f.meetsTarget() ? "met" : "**missed**")).append(" | ")
                    .append(f.note()).append(" |\n");
        }
        md.append("\nUnits: examples/s. Reference runs (first repetition of each configuration):\n\n");
        for (String c : result.referenceCommands()) md.append("    ").append(c).append('\n');
        return md.toString();
    }
}
