package io.credence.bench.e2e;

import io.credence.bench.BenchCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code credence bench soak MINUTES}: the soak run ({@link Soak}) with every setting of {@link SoakOptions}. */
@Command(name = "soak",
        header = "The soak test: trainer and scorer fed at a fixed rate for MINUTES, judged for stability.",
        description = "Starts a broker in this JVM and the trainer and the scorer in child JVMs, feeds them labeled and "
                + "feature records at fixed rates for MINUTES, and writes every second's resident memory, live heap, "
                + "consumer lag and prediction latency to soak.csv and a verdict on the second half to soak-summary.md. "
                + "Exit status 1 when a limit is exceeded.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench soak 10",
                "  credence bench soak 2 --labeled-rate 500 --feature-rate 500 --out target/soak"})
public final class SoakCommand implements Callable<Integer> {
    /** Every default but the minutes. */
    private static final SoakOptions DEFAULTS = SoakOptions.of(1, Path.of("docs", "soak"));

    @Parameters(index = "0", paramLabel = "MINUTES", description = "How long the fixed-rate input runs.")
    double minutes;

    @Option(names = "--labeled-rate", paramLabel = "R", description = "Labeled records per second offered to the trainer (default: ${DEFAULT-VALUE}).")
    double labeledRate = DEFAULTS.labeledRate();

    @Option(names = "--feature-rate", paramLabel = "R", description = "Feature records per second offered to the scorer (default: ${DEFAULT-VALUE}).")
    double featureRate = DEFAULTS.featureRate();

    @Option(names = "--models", paramLabel = "M", description = "Model ids the records are spread over, 13-50-1, batch 32 (default: ${DEFAULT-VALUE}).")
    int models = DEFAULTS.models();

    @Option(names = "--partitions", paramLabel = "P", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions = DEFAULTS.partitions();

    @Option(names = "--heap", paramLabel = "SIZE", description = "-Xmx of both child JVMs (default: ${DEFAULT-VALUE}).")
    String heap = DEFAULTS.heap();

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every record (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--memory-slope-limit", paramLabel = "MIB_PER_MIN", description = "Largest accepted growth of either app's "
            + "resident memory and live heap over the second half, MiB/min (default: ${DEFAULT-VALUE}).")
    double memorySlopeLimit = DEFAULTS.memorySlopeLimit();

    @Option(names = "--lag-limit", paramLabel = "SECONDS", description = "Largest accepted consumer lag over the second half, "
            + "in seconds of offered input (default: ${DEFAULT-VALUE}).")
    double lagLimitSeconds = DEFAULTS.lagLimitSeconds();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory of soak.csv and soak-summary.md (default: ${DEFAULT-VALUE}).")
    Path out = DEFAULTS.out();

    @Option(names = "--logs", paramLabel = "DIR", description = "Directory of the child JVMs' logs and GC logs (default: ${DEFAULT-VALUE}).")
    Path logs = DEFAULTS.logs();

    @Spec
    CommandSpec spec;

    SoakOptions options() {
        return new SoakOptions(minutes, labeledRate, featureRate, models, partitions, heap, seed, memorySlopeLimit, lagLimitSeconds, out, logs);
    }

    @Override
    public Integer call() throws InterruptedException {
        return Soak.run(BenchCli.usage(spec, this::options), BenchCli.invokedAs(spec), System.out).passed() ? 0 : 1;
    }
}
