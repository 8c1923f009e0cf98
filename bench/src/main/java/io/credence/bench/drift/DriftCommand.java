package io.credence.bench.drift;

import io.credence.bench.BenchCli;
import io.credence.bench.MarkdownOption;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code credence bench drift}: the drift study ({@link DriftBench}) with every setting of {@link DriftOptions}. */
@Command(name = "drift",
        header = "The drift study: how fast each streaming setting recovers from a change of the target.",
        description = "The product default regression spec learns, in process, a stream whose target function changes at "
                + "--change-at, and the same stream without the change, under each setting; prints the records each "
                + "needs to recover, its NLL on the stationary stream, and the setting it recommends; writes the "
                + "windowed NLL curves to drift.csv. Every option left out keeps the default of the run below.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench drift --quick",
                "  credence bench drift --settings eds:10000,pap:1000:2 --seeds 1 --no-out"})
public final class DriftCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "The short run: a shorter stream, one seed, nothing written.")
    boolean quick;

    @Option(names = "--records", paramLabel = "N", description = "Stream length (a multiple of 32, the spec's batch).")
    Long records;

    @Option(names = "--change-at", paramLabel = "N", description = "First record of the changed target (a multiple of 32).")
    Long changeAt;

    @Option(names = "--window", paramLabel = "N", description = "Records per window of the windowed NLL (a multiple of 32).")
    Integer window;

    @Option(names = "--tolerance", paramLabel = "NATS", description = "Nats per record above the pre-change level that count as recovered.")
    Double tolerance;

    @Option(names = "--stationary-tolerance", paramLabel = "NATS", description = "Nats per record a setting may lose on the "
            + "stationary stream against the best setting and still be recommended.")
    Double stationaryTolerance;

    @Option(names = "--seeds", paramLabel = "K", description = "Streams per setting (seeds S, S + 1, ...), averaged.")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", description = "First seed.")
    Long seed;

    @Option(names = "--settings", split = ",", paramLabel = "SETTING", description = "The settings compared: eds:N (a fixed "
            + "effective data size N), pap:N:T (posterior as prior every N records, tempering T), each optionally +replay:K "
            + "(K rehearsal steps after each batch).")
    List<DriftSetting> settings;

    @ArgGroup
    Out out;

    @Mixin
    MarkdownOption markdown;

    @Spec
    CommandSpec spec;

    /** {@code --out DIR | --no-out}. */
    static final class Out {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Write drift.csv into DIR.")
        Path dir;

        @Option(names = "--no-out", required = true, description = "Write no drift.csv.")
        boolean none;
    }

    @Spec
    void describeDefaults(CommandSpec command) {
        BenchCli.describeDefaults(command, fullArguments(DriftOptions.fullRun()), fullArguments(DriftOptions.quickRun()));
    }

    private static String fullArguments(DriftOptions o) {
        return o.asArguments() + (o.out() == null ? " --no-out" : " --out " + o.out())
                + (o.markdown() == null ? " --no-markdown" : " --markdown " + o.markdown());
    }

    /** The options asked for: those given, over the full run's or, with --quick, the short run's. */
    DriftOptions options() {
        DriftOptions b = quick ? DriftOptions.quickRun() : DriftOptions.fullRun();
        return new DriftOptions(or(records, b.records()), or(changeAt, b.changeAt()), or(window, b.window()),
                or(tolerance, b.tolerance()), or(stationaryTolerance, b.stationaryTolerance()), or(seeds, b.seeds()),
                or(seed, b.seed()), or(settings, b.settings()), out == null ? b.out() : out.none ? null : out.dir,
                markdown.or(b.markdown()));
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }

    @Override
    public Integer call() {
        DriftBench.run(BenchCli.usage(spec, this::options), BenchCli.invokedAs(spec), System.out);
        return 0;
    }
}
