package io.credence.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code credence bench core}: the core benchmark ({@link BenchRunner}) with every setting of {@link BenchOptions}. */
@Command(name = "core",
        header = "The core benchmark: SVI training and MC scoring in bnn-core against the PyTorch reference.",
        description = "Trains and scores the networks of the PyTorch Bayes-by-Backprop reference (13-50-1, 13-50-50-1 "
                + "and 13-200-200-1 at batch 32 and 256, 13-512-512-1 at 256) on the reference's synthetic data in this JVM, each repetition beside a run of the "
                + "reference, one thread each. Without the reference "
                + "(--reference, $CREDENCE_REFERENCE, ../shared/bench/reference, shared/bench/reference) it measures "
                + "Credence alone.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence bench core --quick",
                "  credence bench core --repetitions 5 --json core.json --no-markdown"})
public final class CoreCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "The short run: fewer rows, one repetition, no two-thread reference, no report.")
    boolean quick;

    @Option(names = "--repetitions", paramLabel = "R", description = "Measured repetitions per figure, each beside a reference run.")
    Integer repetitions;

    @Option(names = "--rows", paramLabel = "N", description = "Synthetic rows per configuration, 90%% train and 10%% test (at least 2048).")
    Integer rows;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the data, the initial weights and every draw.")
    Long seed;

    @Option(names = "--reference", paramLabel = "SCRIPT", description = "The PyTorch reference script (default: looked for as above).")
    Path reference;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Mixin
    MarkdownOption markdown;

    @Spec
    CommandSpec spec;

    @Spec
    void describeDefaults(CommandSpec command) {
        BenchCli.describeDefaults(command, BenchOptions.defaults().asArguments(), BenchOptions.quickRun().asArguments());
    }

    /** The options asked for: those given, over the full run's or, with --quick, the short run's. */
    BenchOptions options() {
        BenchOptions o = quick ? BenchOptions.quickRun() : BenchOptions.defaults();
        if (repetitions != null) o = o.withRepetitions(repetitions);
        if (rows != null) o = o.withRows(rows);
        if (seed != null) o = o.withSeed(seed);
        if (reference != null) o = o.withReference(reference);
        if (json != null) o = o.withJson(json);
        return o.withMarkdown(markdown.or(o.markdown()));
    }

    @Override
    public Integer call() {
        BenchRunner.run(BenchCli.usage(spec, this::options), BenchCli.invokedAs(spec), System.out);
        return 0;
    }
}
