package io.credence.cli.demo;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.Task;
import io.credence.schemas.codec.ModelSpecJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The written results of {@code credence demo --csv}: metrics.json, spec.json and report.html. */
public final class CsvDemoReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CsvDemoReport() {}

    /** The metrics as the JSON object written to metrics.json. */
    public static ObjectNode json(CsvDemoResult r, CsvDemoMetrics m, long seed) {
        ObjectNode o = JSON.createObjectNode();
        CsvDemoResult.Counts c = r.counts();
        o.put("model", r.spec().modelId());
        o.put("task", r.data().task().name().toLowerCase(Locale.ROOT));
        o.put("features", r.data().features());
        o.put("rows_train", r.data().train().size());
        o.put("rows_test", r.data().test().size());
        o.put("records_trained", c.recordsTrained());
        o.put("dlq_records", c.dlqRecords());
        if (r.data().task() == Task.REGRESSION) {
            o.put("rmse", m.rmse());
            o.put("ll", m.ll());
            o.put("coverage_90", m.coverage90());
        } else {
            o.put("classes", r.data().classes());
            o.put("accuracy", m.accuracy());
            o.put("log_loss", m.logLoss());
            o.put("ece", m.ece());
        }
        o.put("snapshots_published", c.snapshotsPublished());
        o.put("model_version", c.version());
        o.put("feature_records_sent", c.featureRecordsSent());
        o.put("predictions_emitted", c.predictionsEmitted());
        o.put("replay_budget", r.spec().streaming().replayBudget());
        o.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        o.put("seed", seed);
        return o;
    }

    /** Writes metrics.json, spec.json and report.html into {@code dir}; {@code pictures} maps each PNG to its caption. */
    public static void write(CsvDemoResult r, CsvDemoMetrics m, long seed, Map<String, String> pictures, Path dir)
            throws IOException {
        Files.writeString(dir.resolve("metrics.json"), JSON.writeValueAsString(json(r, m, seed)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("spec.json"), ModelSpecJson.toJson(r.spec()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(r, m, seed, pictures), StandardCharsets.UTF_8);
    }

    private static String html(CsvDemoResult r, CsvDemoMetrics m, long seed, Map<String, String> pictures) {
        CsvDemoResult.Counts c = r.counts();
        boolean regression = r.data().task() == Task.REGRESSION;
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Credence: ")
                .append(escape(r.spec().modelId())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}img{max-width:100%}")
                .append("</style></head><body>\n<h1>").append(escape(r.spec().modelId())).append("</h1>\n<p>")
                .append(escape(regression ? "Regression of " : "Classification of ")).append(escape(r.data().target()))
                .append(" on ").append(r.data().features()).append(" feature columns (")
                .append(escape(String.join(", ", r.data().featureNames()))).append(")")
                .append(regression ? "" : escape(" into " + r.data().classes() + " classes (" + String.join(", ", r.data().classNames()) + ")"))
                .append(". ")
                .append(r.data().train().size()).append(" training rows were streamed once, in random order, through "
                        + "labeled-records to stream-trainer, which learned them under the spec in spec.json and, "
                        + "while the stream was quiet, rehearsed them (")
                .append(fmt(r.spec().streaming().replayBudget(), 0)).append(" rehearsed examples per record); the ")
                .append(r.data().test().size()).append(" held-back rows were then scored by stream-scorer through "
                        + "feature-records (snapshot version ").append(c.version()).append("). Seed ").append(seed)
                .append(", ").append(fmt(r.seconds(), 1)).append(" s.</p>\n");
        h.append("<h2>Held-back rows</h2>\n<table><tr><th>metric</th><th>value</th><th>meaning</th></tr>\n");
        if (regression) {
            h.append(row("rmse", fmt(m.rmse(), 4), "root mean squared error of the predictive mean"))
                    .append(row("ll", fmt(m.ll(), 3), "mean log predictive density of the labels (nats; higher is better)"))
                    .append(row("coverage_90", fmt(m.coverage90(), 3), "labels inside the 90% predictive interval (honest: 0.90)"));
        } else {
            h.append(row("accuracy", fmt(m.accuracy(), 3), "predicted class right"))
                    .append(row("log_loss", fmt(m.logLoss(), 3), "mean negative log probability of the true class (nats)"))
                    .append(row("ece", fmt(m.ece(), 3), "expected calibration error, " + CsvDemoMetrics.BINS + " confidence bins"));
        }
        h.append(row("records_trained", Long.toString(c.recordsTrained()), "records the final snapshot has seen"))
                .append(row("dlq_records", Long.toString(c.dlqRecords()), "dead letters of both apps"))
                .append("</table>\n");
        for (Map.Entry<String, String> picture : pictures.entrySet()) {
            h.append("<p>").append(escape(picture.getValue())).append("</p>\n<img src=\"").append(picture.getKey())
                    .append("\" alt=\"").append(picture.getKey()).append("\">\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String row(String name, String value, String meaning) {
        return "<tr><td>" + name + "</td><td>" + value + "</td><td style=\"text-align:left\">" + meaning + "</td></tr>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
