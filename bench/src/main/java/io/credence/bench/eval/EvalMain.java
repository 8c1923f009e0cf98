package io.credence.bench.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.credence.schemas.codec.ModelSpecJson;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Command line of the UCI evaluation: {@code EvalMain --data DIR [--splits K] [--passes N] [--spec spec.json]
 * [--json FILE] [--validation] [--seed S] [--streams]}: in process on bnn-core, or with {@code --streams} through the
 * real trainer and scorer on an embedded broker. Prints one line per split and the mean +- standard error over splits.
 */
public final class EvalMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalMain() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "bench-logback.xml");
        int status = run(args, System.out, System.err);
        if (status != 0) System.exit(status);
    }

    /** Parses {@code args}, evaluates, and returns the exit status (0 ok, 2 bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path data = null, json = null;
        EvalOptions options = EvalOptions.defaults();
        boolean splitsGiven = false, streams = false;
        try {
            List<String> a = List.of(args);
            for (int i = 0; i < a.size(); i++) {
                switch (a.get(i)) {
                    case "--data" -> data = Path.of(value(a, ++i));
                    case "--splits" -> { options = options.withSplits(Integer.parseInt(value(a, ++i))); splitsGiven = true; }
                    case "--passes", "--epochs" -> options = options.withPasses(Integer.parseInt(value(a, ++i)));
                    case "--spec" -> options = options.withSpec(ModelSpecJson.fromJson(Files.readString(Path.of(value(a, ++i)))));
                    case "--json" -> json = Path.of(value(a, ++i));
                    case "--seed" -> options = options.withSeed(Long.parseLong(value(a, ++i)));
                    case "--validation" -> options = options.withValidation(true);
                    case "--streams" -> streams = true;
                    default -> throw new IllegalArgumentException("unknown option " + a.get(i));
                }
            }
            if (data == null) throw new IllegalArgumentException("--data DIR is required");
        } catch (IllegalArgumentException | IOException e) {
            err.println("eval: " + e.getMessage());
            err.println("usage: eval --data DIR [--splits K] [--passes N (alias --epochs)] [--spec spec.json] [--json FILE] [--validation] [--seed S] [--streams]");
            return 2;
        }
        UciDataset dataset = UciDataset.load(data);
        if (!splitsGiven) options = options.withSplits(dataset.splits());
        EvalResult r;
        if (streams) {
            try (StreamsEvaluation pipeline = StreamsEvaluation.start()) {
                r = pipeline.run(dataset, options, out);
            }
        } else {
            r = UciEvaluation.run(dataset, options, out);
        }
        out.println(summary(r));
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

    private static String value(List<String> a, int i) {
        if (i >= a.size()) throw new IllegalArgumentException(a.get(i - 1) + " needs a value");
        return a.get(i);
    }
}
