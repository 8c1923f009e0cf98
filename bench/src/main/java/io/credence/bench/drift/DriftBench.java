package io.credence.bench.drift;

import io.credence.bench.BenchCli;
import io.credence.bench.Figure;
import io.credence.bench.MarkdownReport;
import io.credence.bench.Sample;
import io.credence.bench.e2e.LaunchCommand;
import io.credence.bnn.spec.ModelSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The drift benchmark: for each streaming setting, the product default regression spec learns a stream whose target
 * changes half-way and the same stream without the change; reports the prequential NLL curves (drift.csv), the
 * records each setting needs to recover, its NLL on the stationary stream, and recommends the setting that recovers
 * fastest among those that cost (almost) nothing on the stationary stream ({@link #recommend}).
 */
public final class DriftBench {
    /** Section of docs/benchmarks.md this benchmark owns. */
    public static final String SECTION = "drift";

    /**
     * The outcome of a run.
     *
     * @param recoveries  one per setting, in the order run
     * @param recommended the recommended setting
     * @param reason      why, in one sentence
     */
    public record Result(List<Recovery> recoveries, DriftSetting recommended, String reason) {
        /** Recovery records and stationary NLL of each setting as benchmark figures. */
        public List<Figure> figures() {
            List<Figure> figures = new ArrayList<>();
            for (Recovery r : recoveries) {
                String key = "drift." + r.setting().label().replace(':', '-').replace('.', '_');
                figures.add(Figure.alone(key + ".recovery_records", Sample.of(r.recoveryRecords()), "records",
                        "records after the change until the windowed prequential NLL is back near its pre-change level, " + r.setting().describe()));
                figures.add(Figure.alone(key + ".stationary_nll", Sample.of(r.stationaryNll()), "nats",
                        "mean prequential NLL per record on the stream without a change (second half), " + r.setting().describe()));
            }
            return figures;
        }
    }

    private DriftBench() {}

    /** Standalone: {@code DriftBench [options]} runs {@code credence bench drift [options]} ({@link DriftCommand}). */
    public static void main(String[] args) {
        BenchCli.exit(LaunchCommand.of(DriftBench.class, args), BenchCli.command("bench drift", args));
    }

    /**
     * Runs every setting on both streams, prints the table and the recommendation, and writes drift.csv and the
     * markdown section as {@code options} asks.
     */
    public static Result run(DriftOptions options, String invokedAs, PrintStream out) {
        long start = System.nanoTime();
        out.println("command: " + invokedAs);
        out.println("drift: " + options.asArguments());
        ModelSpec base = ModelSpec.regression("drift", DriftStream.FEATURES).build();
        List<Recovery> recoveries = new ArrayList<>();
        StringBuilder csv = new StringBuilder("records,setting,stream,nll_window\n");
        for (DriftSetting setting : options.settings()) {
            ModelSpec spec = setting.apply(base);
            List<NllCurve> drift = new ArrayList<>(), stationary = new ArrayList<>();
            for (int k = 0; k < options.seeds(); k++) {
                drift.add(DriftRun.run(spec, options.records(), options.changeAt(), options.seed() + k));
                stationary.add(DriftRun.run(spec, options.records(), Long.MAX_VALUE, options.seed() + k));
            }
            NllCurve d = NllCurve.average(drift), s = NllCurve.average(stationary);
            Recovery r = Recovery.of(setting, d, s, options.changeAt(), options.window(), options.tolerance());
            recoveries.add(r);
            out.println(row(r));
            appendCurve(csv, setting, "drift", d, options.window());
            appendCurve(csv, setting, "stationary", s, options.window());
        }
        DriftSetting current = new DriftSetting(base.streaming().streamingMode(), base.streaming().effectiveDataSize(),
                base.streaming().tempering(), base.streaming().replaySteps());
        Result result = recommend(recoveries, options.stationaryTolerance(), options.window(), current);
        out.println("recommended default: " + result.recommended().label() + " (" + result.recommended().describe() + "): " + result.reason());
        double minutes = (System.nanoTime() - start) / 60e9;
        out.printf(Locale.ROOT, "drift took %.1f min (seed %d)%n", minutes, options.seed());
        if (options.out() != null) {
            Path file = options.out().resolve("drift.csv");
            try {
                Files.createDirectories(options.out());
                Files.writeString(file, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            out.println("curves written to " + file);
        }
        if (options.markdown() != null) {
            MarkdownReport.merge(options.markdown(), SECTION, markdown(result, options, invokedAs, minutes));
            out.println("section '" + SECTION + "' merged into " + options.markdown());
        }
        return result;
    }

    /**
     * Among the settings whose stationary NLL is within {@code stationaryTolerance} of the best, those that recover
     * within one window of the fastest count as equally fast (recovery is measured in windows and varies by about that
     * much between seeds); of those, the current default if it is one (no change without evidence), else the one with
     * the lowest NLL after the change. When none recovers: the lowest NLL after the change.
     */
    static Result recommend(List<Recovery> recoveries, double stationaryTolerance, int window, DriftSetting current) {
        double best = recoveries.stream().mapToDouble(Recovery::stationaryNll).min().orElseThrow();
        List<Recovery> harmless = recoveries.stream().filter(r -> r.stationaryNll() <= best + stationaryTolerance).toList();
        double fastest = harmless.stream().mapToDouble(Recovery::recoveryRecords).filter(Double::isFinite).min().orElse(Double.NaN);
        String standard = String.format(Locale.ROOT, "within %.2f nats of the best stationary NLL (%.3f)", stationaryTolerance, best);
        if (Double.isNaN(fastest)) {
            Recovery pick = harmless.stream().min(Comparator.comparingDouble(Recovery::postChangeNll)).orElseThrow();
            return new Result(List.copyOf(recoveries), pick.setting(), String.format(Locale.ROOT,
                    "no setting %s recovered; it has the lowest NLL after the change (%.3f)", standard, pick.postChangeNll()));
        }
        List<Recovery> tied = harmless.stream().filter(r -> r.recoveryRecords() <= fastest + window).toList();
        Recovery pick = tied.stream().filter(r -> r.setting().equals(current)).findFirst()
                .orElseGet(() -> tied.stream().min(Comparator.comparingDouble(Recovery::postChangeNll)).orElseThrow());
        String among = String.join(", ", tied.stream().map(r -> r.setting().label()).toList());
        String reason = pick.setting().equals(current)
                ? String.format(Locale.ROOT, "it is the current default and among the fastest to recover (%,.0f records; fastest %,.0f, "
                        + "ties within one window: %s) of the settings %s, so there is no evidence for changing it",
                        pick.recoveryRecords(), fastest, among, standard)
                : String.format(Locale.ROOT, "it recovers in %,.0f records (fastest %,.0f; ties within one window: %s) with the lowest "
                        + "NLL after the change (%.3f) of the settings %s; the current default %s is %s",
                        pick.recoveryRecords(), fastest, among, pick.postChangeNll(), standard, current.label(),
                        harmless.stream().anyMatch(r -> r.setting().equals(current)) ? "slower to recover" : "not among them or worse on the stationary stream");
        return new Result(List.copyOf(recoveries), pick.setting(), reason);
    }

    private static void appendCurve(StringBuilder csv, DriftSetting setting, String stream, NllCurve curve, int window) {
        long records = (long) curve.batches() * curve.batch();
        for (long end = window; end <= records; end += window) {
            csv.append(end).append(',').append(setting.label()).append(',').append(stream).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", curve.mean(end - window, end))).append('\n');
        }
    }

    private static String row(Recovery r) {
        return String.format(Locale.ROOT, "  %-14s before %7.3f  worst %7.3f  recovery %8s records (from scratch %8s)  after %7.3f  stationary %7.3f",
                r.setting().label(), r.preChangeNll(), r.worstNll(), recovery(r), records(r.fromScratch()), r.postChangeNll(), r.stationaryNll());
    }

    private static String recovery(Recovery r) {
        return records(r.recoveryRecords());
    }

    private static String records(double n) {
        return Double.isNaN(n) ? "never" : String.format(Locale.ROOT, "%,.0f", n);
    }

    static String markdown(Result result, DriftOptions o, String command, double minutes) {
        StringBuilder md = new StringBuilder("## Drift: recovering from a change of the target function\n\n");
        md.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(String.format(Locale.ROOT, " in %.1f min with\n\n    ", minutes))
                .append(command).append("\n\n");
        md.append(String.format(Locale.ROOT, "The product default regression spec (13-50-50-1, batch 32) learns, in process with bnn-core's "
                        + "OnlineLearner, %,d records of x ~ N(0, I), y = sin(x0) + 0.5 x1 + N(0, 0.1^2), the target switching "
                        + "to sin(x2) + 0.5 x3 at record %,d; and the same stream without the switch. NLL is the prequential "
                        + "(predict, then learn) negative log predictive density per record, target units, averaged over %d "
                        + "seed(s) and over windows of %d records. Recovery: records after the switch until a window lying "
                        + "wholly after it is within %.2f nats of the last window before it (so at least %d); from scratch: "
                        + "records from the start of the stream until the same level was first reached, for comparison. NLL "
                        + "after switch: mean over every record after it; NLL, no switch: the same records of the stream "
                        + "without the switch (the stationary cost of the setting). A stream that never pauses leaves no quiet time, "
                        + "so rehearsal here comes only from the steps after each batch (`+replay:K`), drawn from a window of "
                        + "the last min(10,000, N) records. Curves: `docs/drift/drift.csv`.%n%n",
                o.records(), o.changeAt(), o.seeds(), o.window(), o.tolerance(), o.window()));
        md.append("| setting | NLL before | worst NLL after | recovery, records | from scratch, records | NLL after switch | NLL, no switch |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Recovery r : result.recoveries()) {
            md.append(String.format(Locale.ROOT, "| `%s` %s | %.3f | %.3f | %s | %s | %.3f | %.3f |%n", r.setting().label(),
                    r.setting().describe(), r.preChangeNll(), r.worstNll(), recovery(r), records(r.fromScratch()),
                    r.postChangeNll(), r.stationaryNll()));
        }
        md.append("\n**Recommended default: `").append(result.recommended().label()).append("`** (")
                .append(result.recommended().describe()).append("): ").append(result.reason()).append(".\n");
        return md.toString();
    }
}
