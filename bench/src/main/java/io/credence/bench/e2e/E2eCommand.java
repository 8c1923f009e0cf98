package io.credence.bench.e2e;

import io.credence.bench.BenchCli;
import io.credence.bench.MarkdownOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code credence bench e2e}: the end-to-end benchmark ({@link E2eBench}) with every setting of {@link E2eOptions}. */
@Command(name = "e2e",
        header = "The end-to-end benchmark: trainer and scorer through Kafka, latencies, memory, scaling.",
        description = "Starts a Kafka broker in this JVM and measures, as asked: trainer and scorer throughput against a "
                + "Kafka Streams pass-through of the same topic in the same run (and the scorer against the PyTorch "
                + "reference), POST /predict and snapshot-to-first-use latency, resident memory of the apps in child "
                + "JVMs, and throughput against models, hidden width and partitions x threads. Comma-separated lists "
                + "take one or more values; every option left out keeps the default of the run below.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench e2e --quick",
                "  credence bench e2e --only latency --requests 50 --swaps 2 --no-markdown",
                "  credence bench e2e --only trainer --batches 256 --guarantees eos --no-markdown",
                "  credence bench e2e --only registry --warmup    # its own report section"})
public final class E2eCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "The short run: trainer (exactly-once, batch 256), scorer (S = 100) and latency, "
            + "once each, small inputs, no warm-up, no report.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "What to run: trainer, scorer, latency, memory, models, hidden, parallelism, registry (alone, "
                    + "registry has its own report section).")
    List<E2ePart> parts;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every generated record and posterior.")
    Long seed;

    @Option(names = "--repetitions", paramLabel = "R",
            description = "Repetitions of the trainer and scorer headline figures, each beside its pass-through.")
    Integer repetitions;

    @Option(names = "--warmup", negatable = true,
            description = "Run the trainer and the scorer once, unmeasured, before the headline figures (JIT compilation).")
    Boolean warmup;

    @Option(names = "--trainer-records", paramLabel = "N", description = "Labeled records per trainer headline measurement.")
    Integer trainerRecords;

    @Option(names = "--scorer-records", paramLabel = "N", description = "Feature records per scorer measurement.")
    Integer scorerRecords;

    @Option(names = "--sweep-records", paramLabel = "N",
            description = "Records per scaling-sweep measurement (rounded up to whole batches of every model).")
    Integer sweepRecords;

    @Option(names = "--batches", split = ",", paramLabel = "B", description = "Trainer mini-batch sizes of the headline figures.")
    List<Integer> trainerBatches;

    @Option(names = "--guarantees", split = ",", paramLabel = "G",
            description = "Processing guarantees of the trainer headline figures: eos (exactly-once), alo (at-least-once).")
    List<Guarantee> guarantees;

    @Option(names = "--samples", split = ",", paramLabel = "S", description = "Monte Carlo sample counts S of the scorer figures.")
    List<Integer> scoreSamples;

    @Option(names = "--score-batch", paramLabel = "B", description = "Scorer micro-batch size (and the reference's --score-batch).")
    Integer scoreBatch;

    @Option(names = "--models", split = ",", paramLabel = "M", description = "Model counts of the models sweep (batch 32).")
    List<Integer> modelCounts;

    @Option(names = "--hidden", split = ",", paramLabel = "H", description = "Hidden widths of the hidden-size sweep (batch 256).")
    List<Integer> hiddenSizes;

    @Option(names = "--parallelism", split = ",", paramLabel = "PxT",
            description = "Partitions x Kafka Streams threads of the parallelism sweep, e.g. 3x2.")
    List<E2eOptions.Parallelism> parallelism;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of the headline, latency, memory, models and hidden measurements.")
    Integer partitions;

    @Option(names = "--requests", paramLabel = "N",
            description = "Measured POST /predict requests (after as many warm-up requests, at most 500).")
    Integer predictRequests;

    @Option(names = "--swaps", paramLabel = "N", description = "Snapshot versions published for the snapshot-to-first-use latency.")
    Integer snapshotSwaps;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Longest time one app may take to start, or to finish its input.")
    Long timeoutSeconds;

    @Option(names = "--reference", paramLabel = "SCRIPT", description = "The PyTorch reference script (default: $CREDENCE_REFERENCE, "
            + "../shared/bench/reference or shared/bench/reference; without one, no scorer-vs-reference figures).")
    Path reference;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Mixin
    MarkdownOption markdown;

    @Option(names = "--logs", paramLabel = "DIR", description = "Directory of the child JVMs' logs.")
    Path logs;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "The schema registry of the registry part (default: a stand-in started in this JVM).")
    String registryUrl;

    @Spec
    CommandSpec spec;

    @Spec
    void describeDefaults(CommandSpec command) {
        BenchCli.describeDefaults(command, fullArguments(E2eOptions.fullRun()), fullArguments(E2eOptions.quickRun()));
    }

    private static String fullArguments(E2eOptions o) {
        return o.asArguments() + " --timeout " + o.timeout().toSeconds() + (o.markdown() == null ? " --no-markdown" : " --markdown " + o.markdown())
                + " --logs " + o.logs();
    }

    /** The options asked for: those given, over the full run's or, with --quick, the short run's. */
    E2eOptions options() {
        E2eOptions b = quick ? E2eOptions.quickRun() : E2eOptions.fullRun();
        return new E2eOptions(quick, or(seed, b.seed()), or(repetitions, b.repetitions()), or(warmup, b.warmup()),
                or(trainerRecords, b.trainerRecords()), or(scorerRecords, b.scorerRecords()), or(sweepRecords, b.sweepRecords()),
                or(trainerBatches, b.trainerBatches()), or(guarantees, b.guarantees()), or(scoreSamples, b.scoreSamples()),
                or(scoreBatch, b.scoreBatch()), or(modelCounts, b.modelCounts()), or(hiddenSizes, b.hiddenSizes()),
                or(parallelism, b.parallelism()), or(partitions, b.partitions()), or(predictRequests, b.predictRequests()),
                or(snapshotSwaps, b.snapshotSwaps()), parts == null ? b.parts() : EnumSet.copyOf(parts),
                timeoutSeconds == null ? b.timeout() : Duration.ofSeconds(timeoutSeconds), or(reference, b.reference()),
                or(json, b.json()), markdown.or(b.markdown()), or(logs, b.logs()), or(registryUrl, b.registryUrl()));
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }

    @Override
    public Integer call() throws InterruptedException {
        E2eBench.run(BenchCli.usage(spec, this::options), BenchCli.invokedAs(spec), System.out);
        return 0;
    }
}
