package io.credence.bench.eval;

import io.credence.bench.BenchCli;
import io.credence.bench.BenchMain;
import io.credence.bench.MachineFacts;
import io.credence.bench.MarkdownOption;
import io.credence.bench.MarkdownReport;
import io.credence.bench.ReferenceRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code credence bench uci}: the UCI benchmark over several data sets for docs/benchmarks.md. Evaluates each data set
 * (in process, or through the pipeline with --streams), optionally runs the PyTorch reference on the same splits,
 * writes {"credence": [...], "reference": [...]} as JSON and merges a section ({@code eval} or {@code eval.streams})
 * into the markdown report. Its standalone main, {@code EvalSuite [options]}, records this JVM's command line.
 */
@Command(name = "uci",
        header = "The UCI benchmark: credence eval over several data sets, beside the PyTorch reference.",
        description = "Evaluates each data set as credence eval does, in process on bnn-core unless --streams, optionally "
                + "beside the PyTorch reference on the same splits (run on a second thread), and merges the table into "
                + "the report.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench uci --datasets yacht --splits 2 --no-markdown",
                "  credence bench uci --datasets bostonHousing,yacht --reference --json by.json"})
public final class EvalSuite implements Callable<Integer> {
    private static final EvalOptions DEFAULTS = EvalOptions.defaults();

    @Option(names = "--root", paramLabel = "DIR", description = "The folder of the data sets (default: ${DEFAULT-VALUE}).")
    Path root = Path.of("..", "shared", "data", "uci");

    @Option(names = "--datasets", split = ",", paramLabel = "SET", description = "The data sets, folders of --root (default: ${DEFAULT-VALUE}).")
    List<String> datasets = UciTuning.DATASETS;

    @Option(names = "--splits", paramLabel = "K", description = "Evaluate splits 0..K-1 of each (default: ${DEFAULT-VALUE}).")
    int splits = DEFAULTS.splits();

    @Option(names = {"--passes", "--epochs"}, paramLabel = "N", description = "Times each training row is sent (default: ${DEFAULT-VALUE}).")
    int passes = DEFAULTS.passes();

    @Option(names = "--spec", paramLabel = "FILE", description = "A ModelSpec JSON to evaluate in place of the product default.")
    Path spec;

    @Option(names = "--streams", description = "Through the real trainer and scorer on a broker in this JVM, not in process.")
    boolean streams;

    @Option(names = "--reference", description = "Also run the PyTorch reference (shared/bench/reference) on the same splits.")
    boolean withReference;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every result to FILE as JSON.")
    Path json;

    @Mixin
    MarkdownOption markdown;

    @Spec
    CommandSpec command;

    /** Standalone: {@code EvalSuite [options]} runs {@code credence bench uci [options]}. */
    public static void main(String[] args) {
        BenchCli.exit(BenchMain.commandLine(EvalSuite.class, args), BenchCli.command("bench uci", args));
    }

    EvalOptions options() {
        EvalOptions o = DEFAULTS.withSplits(splits).withPasses(passes);
        return spec == null ? o : o.withSpec(EvalCommand.spec(spec));
    }

    @Override
    public Integer call() throws InterruptedException {
        EvalOptions options = BenchCli.usage(command, this::options);
        Path markdown = this.markdown.or(Path.of("docs", "benchmarks.md"));
        PrintStream out = System.out;
        MachineFacts machine = MachineFacts.current();
        Optional<ReferenceRunner> reference = withReference ? ReferenceRunner.locate(null) : Optional.empty();
        if (withReference && reference.isEmpty()) throw new IllegalStateException("--reference: no shared/bench/reference found");
        List<EvalResult> results = new ArrayList<>();
        Map<String, EvalResult> references = new LinkedHashMap<>();
        // The reference is a child process: it runs on its own thread, beside Credence, one data set after another.
        ExecutorService referenceThread = Executors.newSingleThreadExecutor();
        Map<String, Future<EvalResult>> pending = new LinkedHashMap<>();
        StreamsEvaluation pipeline = streams ? StreamsEvaluation.start() : null;
        try {
            for (String name : datasets) {
                UciDataset data = UciDataset.load(root.resolve(name));
                if (reference.isPresent()) {
                    int batch = (options.spec() != null ? options.spec()
                            : EvalDefaults.spec(data.features())).optimiser().batchSize();
                    EvalOptions o = options;
                    ReferenceRunner runner = reference.get();
                    pending.put(name, referenceThread.submit(() -> ReferenceSplits.run(runner, data, o.splits(), o.passes(), batch, out)));
                }
            }
            for (String name : datasets) {
                UciDataset data = UciDataset.load(root.resolve(name));
                EvalResult r = pipeline != null ? pipeline.run(data, options, out) : UciEvaluation.run(data, options, out);
                results.add(r);
                out.println(EvalCommand.summary(r));
            }
            for (Map.Entry<String, Future<EvalResult>> e : pending.entrySet()) {
                EvalResult ref = e.getValue().get();
                references.put(e.getKey(), ref);
                out.println("reference " + EvalCommand.summary(ref));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the PyTorch reference failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            referenceThread.shutdownNow();
            if (pipeline != null) pipeline.close();
        }
        if (json != null) EvalCommand.write(json, Map.of("credence", results, "reference", List.copyOf(references.values())));
        if (markdown != null) {
            MarkdownReport.merge(markdown, streams ? "eval.streams" : "eval", EvalReport.markdown(streams ? "eval.streams" : "eval",
                    results, references, machine, BenchCli.invokedAs(command)));
            out.println("section merged into " + markdown);
        }
        return 0;
    }
}
