package io.credence.cli;

import io.credence.avro.PosteriorSnapshot;
import io.credence.bnn.model.Posterior;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.NewestSnapshot;
import io.credence.cli.posterior.PosteriorPrinter;
import io.credence.cli.posterior.PosteriorPrinter.Format;
import io.credence.schemas.codec.PosteriorCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code credence posterior}: shows a model's newest posterior snapshot, or draws of its parameters. */
@Command(name = "posterior", mixinStandardHelpOptions = true,
        header = "Shows a model's posterior: coefficients in original units, per-layer summaries, or draws.",
        description = {"Reads the newest snapshot of a model from posterior-snapshots and prints its posterior.",
                "A model without a hidden layer (hidden: [], Bayesian linear or logistic regression) is shown in the",
                "data's original units: each coefficient's and the intercept's posterior mean, std and 5%%/95%% quantiles",
                "(closed form: the mean-field posterior is Gaussian), and for regression the noise scale (heteroscedastic:",
                "at the mean input; Student-t: with its degrees of freedom). A deeper model gets a summary per layer",
                "(mean |mu|, mean sigma, signal-to-noise |mu|/sigma, fraction of weights below 1) and the standardisers.",
                "With --samples K it prints K seeded draws of the parameters instead, one row each (original units",
                "for a linear model, network units otherwise): ready for a histogram of a slope."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence posterior --model rugged                          # coefficients, intercept, noise",
                "  credence posterior --model rugged --feature-names rugged,africa --format json",
                "  credence posterior --model rugged --samples 10000 --seed 1 > draws.csv",
                "  credence posterior --model house --format json | jq '.layers[].meanSnr'"})
final class PosteriorCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "ID", description = "Model whose posterior to show.")
    String model;

    @Option(names = "--samples", paramLabel = "K", description = "Print K draws of the parameters instead of the summary.")
    Integer samples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "csv or json (one object per line); default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--feature-names", split = ",", paramLabel = "NAME",
            description = "Names of the features, in order (default: x0, x1, ...).")
    List<String> featureNames = new ArrayList<>();

    @Option(names = "--topic", defaultValue = "posterior-snapshots", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long reading the topic may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        Format chosen;
        try {
            chosen = Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (samples != null && samples < 1) throw new CommandFailure("--samples must be at least 1, got " + samples);
        PosteriorSnapshot snapshot = NewestSnapshot.of(kafka.clientProperties(), kafka.wireFormat(), topic, model, timeout)
                .orElseThrow(() -> new CommandFailure("no posterior snapshot of model " + model + " in topic " + topic
                        + " on " + kafka.bootstrap() + ": train one first (a trainer running, then credence produce --model "
                        + model + " --csv data.csv --target y), or check the model id"));
        Posterior posterior;
        try {
            posterior = PosteriorCodec.toCore(snapshot);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        int features = posterior.spec().features();
        List<String> names = featureNames.isEmpty() ? IntStream.range(0, features).mapToObj(j -> "x" + j).toList() : featureNames;
        if (names.size() != features) {
            throw new CommandFailure("--feature-names gives " + names.size() + " names, model " + model + " has " + features + " features");
        }
        PosteriorPrinter printer = new PosteriorPrinter(posterior, snapshot.getVersion(), names, chosen);
        PrintStream out = System.out;
        if (samples == null) {
            printer.summary(out);
        } else {
            printer.samples(out, samples, seed);
            System.err.println(samples + " draws (seed " + seed + ", " + (printer.linear() ? "original" : "network")
                    + " units) of " + printer.heading());
        }
        return 0;
    }
}
