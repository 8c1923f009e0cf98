package io.credence.bench.eval;

import io.credence.bench.MachineFacts;
import io.credence.bench.MarkdownReport;
import io.credence.bench.ReferenceRunner;
import io.credence.schemas.codec.ModelSpecJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The UCI benchmark over several data sets for docs/benchmarks.md: {@code EvalSuite [--root DIR] [--datasets a,b]
 * [--splits K] [--passes N] [--spec spec.json] [--streams] [--reference] [--json FILE] [--markdown FILE | --no-markdown]}.
 * Evaluates each data set (in process, or through the pipeline with --streams), optionally runs the PyTorch
 * reference on the same splits, writes {"credence": [...], "reference": [...]} as JSON and merges a section
 * ({@code eval} or {@code eval.streams}) into the markdown report.
 */
public final class EvalSuite {
    private EvalSuite() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "bench-logback.xml");
        Path root = Path.of("..", "shared", "data", "uci"), json = null, markdown = Path.of("docs", "benchmarks.md");
        List<String> datasets = UciTuning.DATASETS;
        EvalOptions options = EvalOptions.defaults();
        boolean streams = false, withReference = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--datasets" -> datasets = Arrays.asList(args[++i].split(","));
                case "--splits" -> options = options.withSplits(Integer.parseInt(args[++i]));
                case "--passes", "--epochs" -> options = options.withPasses(Integer.parseInt(args[++i]));
                case "--spec" -> options = options.withSpec(ModelSpecJson.fromJson(Files.readString(Path.of(args[++i]))));
                case "--streams" -> streams = true;
                case "--reference" -> withReference = true;
                case "--json" -> json = Path.of(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--no-markdown" -> markdown = null;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
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
                    int batch = (options.spec() != null ? options.spec() : EvalDefaults.spec(data.features())).batchSize();
                    EvalOptions o = options;
                    ReferenceRunner runner = reference.get();
                    pending.put(name, referenceThread.submit(() -> ReferenceSplits.run(runner, data, o.splits(), o.passes(), batch, out)));
                }
            }
            for (String name : datasets) {
                UciDataset data = UciDataset.load(root.resolve(name));
                EvalResult r = pipeline != null ? pipeline.run(data, options, out) : UciEvaluation.run(data, options, out);
                results.add(r);
                out.println(EvalMain.summary(r));
            }
            for (Map.Entry<String, Future<EvalResult>> e : pending.entrySet()) {
                EvalResult ref = e.getValue().get();
                references.put(e.getKey(), ref);
                out.println("reference " + EvalMain.summary(ref));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the PyTorch reference failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            referenceThread.shutdownNow();
            if (pipeline != null) pipeline.close();
        }
        if (json != null) EvalMain.write(json, Map.of("credence", results, "reference", List.copyOf(references.values())));
        if (markdown != null) {
            String line = io.credence.bench.BenchMain.commandLine(EvalSuite.class, args);
            MarkdownReport.merge(markdown, streams ? "eval.streams" : "eval", EvalReport.markdown(streams ? "eval.streams" : "eval",
                    results, references, machine, line));
            out.println("section merged into " + markdown);
        }
    }
}
