package io.credence.bench;

import io.credence.bench.drift.DriftBench;
import io.credence.bench.drift.DriftCommand;
import io.credence.bench.drift.DriftOptions;
import io.credence.bench.e2e.E2eBench;
import io.credence.bench.e2e.E2eCommand;
import io.credence.bench.e2e.E2eOptions;
import io.credence.bench.e2e.Soak;
import io.credence.bench.e2e.SoakCommand;
import io.credence.bench.e2e.SoakOptions;
import io.credence.bench.eval.EvalSuite;
import io.credence.bench.eval.TuneCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code credence bench}: the core benchmark against the PyTorch reference, the end-to-end benchmarks against a Kafka
 * Streams pass-through, and the drift study, in one run whose full form merges its sections into docs/benchmarks.md;
 * each group alone, with every setting, as a subcommand; {@code --soak MINUTES}: the soak run alone.
 */
@Command(name = "bench",
        header = "Runs the benchmarks: core, end to end, drift; the soak; the UCI benchmark.",
        description = "Without a subcommand: the core benchmark (SVI training and Monte Carlo scoring against the PyTorch "
                + "Bayes-by-Backprop reference), the end-to-end benchmarks (trainer and scorer through Kafka against a "
                + "Kafka Streams pass-through, latencies, memory, scaling) and the drift study, one after the other, "
                + "each with its defaults; the full run merges their sections into docs/benchmarks.md. Run from the "
                + "project root (./credence does). A subcommand runs one group with every setting.",
        subcommands = {CoreCommand.class, E2eCommand.class, DriftCommand.class, SoakCommand.class, EvalSuite.class,
                TuneCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench --quick              # a short smoke run of every group",
                "  credence bench --json figures.json  # the full run, into docs/benchmarks.md",
                "  credence bench e2e --only latency --requests 50 --no-markdown",
                "  credence bench --soak 10            # the soak test, into docs/soak/",
                "  credence bench e2e --help           # every setting of one group"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "The short run of every group: smaller inputs, one repetition, no report.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to FILE as JSON.")
    Path json;

    @Option(names = "--soak", paramLabel = "MINUTES",
            description = "Run only the soak test, for MINUTES with its default settings, into docs/soak/; exit 1 when it "
                    + "fails (credence bench soak takes every setting).")
    Double soak;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String invokedAs = BenchCli.invokedAs(spec);
        if (soak != null) {
            if (quick || json != null) throw new CommandLine.ParameterException(spec.commandLine(), "--soak runs the soak alone: no --quick or --json");
            SoakOptions options = BenchCli.usage(spec, () -> SoakOptions.of(soak, Path.of("docs", "soak")));
            return Soak.run(options, invokedAs, System.out).passed() ? 0 : 1;
        }
        List<Figure> figures = new ArrayList<>();
        figures.addAll(BenchRunner.run(quick ? BenchOptions.quickRun() : BenchOptions.defaults(), invokedAs, System.out));
        figures.addAll(E2eBench.run(quick ? E2eOptions.quickRun() : E2eOptions.fullRun(), invokedAs, System.out));
        figures.addAll(DriftBench.run(quick ? DriftOptions.quickRun() : DriftOptions.fullRun(), invokedAs, System.out).figures());
        if (json != null) {
            FiguresJson.write(json, figures);
            System.out.println("figures written to " + json);
        }
        return 0;
    }
}
