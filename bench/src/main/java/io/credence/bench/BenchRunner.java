package io.credence.bench;

import io.credence.bench.core.CoreBench;
import io.credence.bench.core.CoreReport;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the core benchmark for {@code credence bench} and {@code credence bench core} ({@link CoreCommand}): measures, prints a
 * summary, writes the JSON figures and merges the markdown report, as {@link BenchOptions} asks.
 */
public final class BenchRunner {
    private BenchRunner() {}

    /**
     * @param options   what to run and where to write
     * @param invokedAs the command line as the user typed it, recorded in the report
     * @param out       progress and the summary
     * @return every figure measured
     */
    public static List<Figure> run(BenchOptions options, String invokedAs, PrintStream out) {
        MachineFacts machine = MachineFacts.current();
        out.printf(Locale.ROOT, "credence bench%s: seed %d, %d repetition(s), %,d rows; %s%n", options.quick() ? " --quick" : "",
                options.seed(), options.repetitions(), options.rows(), machine.asMap());
        Optional<ReferenceRunner> reference = ReferenceRunner.locate(options.reference());
        if (reference.isEmpty()) {
            out.println("PyTorch reference not found (looked for --reference, $CREDENCE_REFERENCE, ../shared/bench/reference, "
                    + "shared/bench/reference): measuring Credence alone, no ratios");
        } else {
            out.println("reference: " + reference.get().script());
        }
        CoreBench.Result core = new CoreBench(options, reference.orElse(null), out).run();
        List<Figure> figures = core.figures();
        printSummary(figures, out);
        if (options.json() != null) {
            FiguresJson.write(options.json(), figures);
            out.println("figures written to " + options.json());
        }
        if (options.markdown() != null) {
            String torch = reference.isPresent() && !core.referenceCommands().isEmpty() ? torchVersion(reference.get()) : null;
            MarkdownReport.merge(options.markdown(), CoreReport.SECTION, CoreReport.markdown(core, machine, options, invokedAs, torch));
            out.println("section '" + CoreReport.SECTION + "' merged into " + options.markdown());
        }
        return figures;
    }

    /** The reference as the report names it: its torch version and the BLAS it runs on. */
    private static String torchVersion(ReferenceRunner reference) {
        ReferenceResult r = reference.run(List.of("--synthetic", "2048", "2", "--epochs", "1", "--score-samples", "1", "--threads", "1"));
        return r.torch() + " on " + r.blas().replaceAll("[^,]*/([^/,]+/[^/,]+)", "$1");
    }

    static void printSummary(List<Figure> figures, PrintStream out) {
        out.println();
        for (Figure f : figures) {
            String ratio = f.ratio() == null ? "" : String.format(Locale.ROOT, "  %.2fx vs %,.0f%s", f.ratio(), f.reference(),
                    f.target() == null ? "" : String.format(Locale.ROOT, " (target %.1fx: %s)", f.target(), f.meetsTarget() ? "met" : "MISSED"));
            out.printf(Locale.ROOT, "%-48s %,12.0f %s%s%n", f.name(), f.value(), f.unit(), ratio);
        }
    }
}
