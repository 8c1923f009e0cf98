package io.credence.bench;

import io.credence.bench.drift.DriftBench;
import io.credence.bench.drift.DriftOptions;
import io.credence.bench.e2e.E2eBench;
import io.credence.bench.e2e.E2eOptions;
import io.credence.bench.e2e.Soak;
import io.credence.bench.e2e.SoakVerdict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./credence bench [--quick] [--json FILE]}: the core benchmark against the PyTorch reference, the end-to-end
 * benchmarks against a Kafka Streams pass-through, and the drift study, in one run; the full run merges its sections
 * into docs/benchmarks.md. {@code ./credence bench --soak MINUTES}: the soak run alone (docs/soak/), exit 1 if it fails.
 */
public final class BenchSuite {
    private static final String USAGE = "usage: credence bench [--quick] [--json FILE] | credence bench --soak MINUTES";

    private BenchSuite() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "bench-logback.xml");
        boolean quick = false;
        Path json = null;
        Double soakMinutes = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--json" -> json = Path.of(value(args, ++i, "--json"));
                    case "--soak" -> soakMinutes = Double.parseDouble(value(args, ++i, "--soak"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        String invokedAs = "./credence bench " + String.join(" ", args);
        if (soakMinutes != null) {
            SoakVerdict verdict = Soak.run(soakMinutes, Path.of("docs", "soak"));
            System.exit(verdict.passed() ? 0 : 1);
        }
        List<Figure> figures = new ArrayList<>();
        figures.addAll(BenchRunner.run(quick ? BenchOptions.quickRun() : BenchOptions.defaults(), invokedAs, System.out));
        figures.addAll(E2eBench.run(quick ? E2eOptions.quickRun() : E2eOptions.fullRun(), invokedAs, System.out));
        figures.addAll(DriftBench.run(quick ? DriftOptions.quickRun() : DriftOptions.fullRun(), invokedAs, System.out).figures());
        if (json != null) {
            FiguresJson.write(json, figures);
            System.out.println("figures written to " + json);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
