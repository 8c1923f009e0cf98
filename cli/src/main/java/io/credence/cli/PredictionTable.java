package io.credence.cli;

import io.credence.avro.Prediction;
import io.credence.cli.avro.AvroJson;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes predictions, one per input row, as CSV (a header row, then one row each) or as JSON lines. */
enum PredictionTable {
    /** Columns id, model_version, mean, std, epistemic_std, aleatoric_std, interval_level, lower, upper, predicted_class, class_probabilities (;-separated), entropy, mutual_information. */
    CSV,
    /** One JSON object per line: the row id under "id" and every Prediction field (draws: null unless asked for). */
    JSON;

    /** The format named by {@code name} (csv, json), or the one {@code file}'s extension suggests, CSV by default. */
    static PredictionTable choose(String name, String file) {
        if (name != null) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json", "jsonl" -> JSON;
                default -> throw new CommandFailure("--format must be csv or json, got \"" + name + "\"");
            };
        }
        return file != null && (file.endsWith(".json") || file.endsWith(".jsonl")) ? JSON : CSV;
    }

    /** Writes the predictions of {@code ids} in that order. */
    void write(PrintStream out, List<String> ids, List<Prediction> predictions) {
        if (this == CSV) {
            out.println("id,model_version,mean,std,epistemic_std,aleatoric_std,interval_level,lower,upper,"
                    + "predicted_class,class_probabilities,entropy,mutual_information");
        }
        for (int i = 0; i < ids.size(); i++) {
            Prediction p = predictions.get(i);
            if (this == JSON) {
                var o = AvroJson.of(p);
                var line = o.objectNode().put("id", ids.get(i));
                line.setAll(o);
                out.println(line);
            } else {
                out.println(String.join(",", quote(ids.get(i)), Long.toString(p.getModelVersion()), num(p.getMean()),
                        num(p.getStd()), num(p.getEpistemicStd()), num(p.getAleatoricStd()), num(p.getIntervalLevel()),
                        num(p.getLower()), num(p.getUpper()),
                        p.getPredictedClass() == null ? "" : p.getPredictedClass().toString(),
                        p.getClassProbabilities() == null ? ""
                                : p.getClassProbabilities().stream().map(PredictionTable::num).collect(Collectors.joining(";")),
                        p.getEntropy() == null ? "" : num(p.getEntropy()),
                        p.getMutualInformation() == null ? "" : num(p.getMutualInformation())));
            }
        }
        out.flush();
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
