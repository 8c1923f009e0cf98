package io.credence.bench.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.credence.bench.BenchCli;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.ModelSpecJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code credence eval --data DIR}: the UCI evaluation of one data set, through the real trainer and scorer on an
 * embedded broker ({@link StreamsEvaluation}) or, with {@code --in-process}, on bnn-core alone ({@link UciEvaluation}).
 * Prints one line per split and the mean +- standard error over splits.
 */
@Command(name = "eval",
        header = "Evaluates on a UCI regression data set: RMSE, test log-likelihood, 90%% coverage per split.",
        description = "Streams each training row of every split once (or --passes times), in the split file's order, "
                + "through the real trainer and scorer on a broker in this JVM, with the product default spec; then "
                + "scores the split's test rows. --in-process runs the same protocol on bnn-core alone. DIR is a data "
                + "set in the layout of ../shared/data/uci/SET: data.txt, index_features.txt, index_target.txt, "
                + "n_splits.txt, index_train_K.txt and index_test_K.txt.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence eval --data ../shared/data/uci/yacht --json yacht.json",
                "  credence eval --data ../shared/data/uci/bostonHousing --splits 3 --in-process",
                "  credence eval --data ../shared/data/uci/energy --spec my-spec.json --passes 2"})
public final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final EvalOptions DEFAULTS = EvalOptions.defaults();

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The data set's folder.")
    Path data;

    @Option(names = "--splits", paramLabel = "K", description = "Evaluate splits 0..K-1 (default: every split of the data set).")
    Integer splits;

    @Option(names = {"--passes", "--epochs"}, paramLabel = "N", description = "Times each training row is sent (default: ${DEFAULT-VALUE}).")
    int passes = DEFAULTS.passes();

    @Option(names = "--spec", paramLabel = "FILE", description = "A ModelSpec JSON to evaluate in place of the product default "
            + "(its features and effective data size are set per split).")
    Path spec;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the shuffles, the initial weights and every draw, mixed "
            + "with the split index (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--validation", description = "Evaluate on the last 20%% of each split's training rows, trained on the rest "
            + "(for tuning; the test rows are not read).")
    boolean validation;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result, split by split, to FILE as JSON.")
    Path json;

    @ArgGroup
    Pipeline pipeline;

    @Spec
    CommandSpec command;

    /** {@code --streams | --in-process}. */
    static final class Pipeline {
        @Option(names = "--streams", required = true, description = "Through the real trainer and scorer on a broker in this JVM (the default).")
        boolean streams;

        @Option(names = "--in-process", required = true, description = "On bnn-core alone, no Kafka.")
        boolean inProcess;
    }

    /** The options asked for; splits left out are every split of the data set, {@code available}. */
    EvalOptions options(int available) {
        return new EvalOptions(splits == null ? available : splits, passes, spec == null ? null : spec(spec), seed, validation);
    }

    /** The ModelSpec JSON of {@code --spec FILE}; unreadable or invalid, an IllegalArgumentException saying so. */
    static ModelSpec spec(Path file) {
        try {
            return ModelSpecJson.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --spec " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether to evaluate through the real apps (the default) rather than on bnn-core alone. */
    boolean streams() {
        return pipeline == null || pipeline.streams;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(data)) throw new ParameterException(command.commandLine(), "--data " + data + " is not a folder");
        UciDataset dataset = UciDataset.load(data);
        EvalOptions options = BenchCli.usage(command, () -> options(dataset.splits()));
        EvalResult r;
        if (streams()) {
            try (StreamsEvaluation evaluation = StreamsEvaluation.start()) {
                r = evaluation.run(dataset, options, System.out);
            }
        } else {
            r = UciEvaluation.run(dataset, options, System.out);
        }
        System.out.println(summary(r));
        if (json != null) r.writeJson(json);
        return 0;
    }

    /** e.g. "bostonHousing (20 splits, 1 pass): RMSE 3.01 +- 0.18, test LL -2.52 +- 0.05, 90% coverage 0.91, 95 s" */
    public static String summary(EvalResult r) {
        return String.format(Locale.ROOT, "%s (%d splits, %d pass%s%s): RMSE %.3f +- %.3f, test LL %.3f +- %.3f, 90%% coverage %.3f, %.0f s",
                r.dataset(), r.splits(), r.passes(), r.passes() == 1 ? "" : "es", r.validation() ? ", validation rows" : "", r.rmseMean(), r.rmseSe(),
                r.llMean(), r.llSe(), r.coverage90(), r.seconds());
    }

    /** Writes {@code value} as indented JSON to {@code file}, creating its folder. */
    static void write(Path file, Object value) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
