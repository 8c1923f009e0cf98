package io.credence.cli.demo;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.avro.PrequentialSummary;
import io.credence.avro.TrainingMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The demo's written results: demo-metrics.json (the numbers) and report.html (the pictures and the numbers). */
public final class DemoReport {

    /** Rows of the prequential table per model. */
    private static final int TABLE_ROWS = 12;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DemoReport() {}

    /** The metrics as the JSON object written to demo-metrics.json. */
    public static ObjectNode json(DemoResult r, DemoMetrics m) {
        ObjectNode o = JSON.createObjectNode();
        DemoResult.Counts c = r.counts();
        o.put("records_produced", c.recordsProduced());
        o.put("records_trained", c.recordsTrained());
        o.put("snapshots_published", c.snapshotsPublished());
        o.put("feature_records_sent", c.featureRecordsSent());
        o.put("predictions_emitted", c.predictionsEmitted());
        o.put("dlq_records", c.dlqRecords());
        o.put("gap_std_ratio", m.gapStdRatio());
        o.put("ood_std_ratio", m.oodStdRatio());
        o.put("coverage_90", m.coverage90());
        o.put("rmse", m.rmse());
        o.put("moons_accuracy", m.moonsAccuracy());
        o.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        o.put("seed", r.settings().seed());
        o.put("sin_passes", r.settings().sinPasses());
        o.put("moons_passes", r.settings().moonsPasses());
        o.put("sin_points", r.settings().sinPoints());
        o.put("moons_points", r.settings().moonsPoints());
        o.put("sin_model_version", c.sinVersion());
        o.put("moons_model_version", c.moonsVersion());
        return o;
    }

    /** Writes demo-metrics.json and report.html into {@code dir} (the PNGs are expected beside them). */
    public static void write(DemoResult r, DemoMetrics m, Path dir) throws IOException {
        Files.writeString(dir.resolve("demo-metrics.json"), JSON.writeValueAsString(json(r, m)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(r, m), StandardCharsets.UTF_8);
    }

    private static String html(DemoResult r, DemoMetrics m) {
        DemoResult.Counts c = r.counts();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Credence demo</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}img{max-width:100%}")
                .append("</style></head><body>\n<h1>Credence demo</h1>\n")
                .append(p("One JVM ran an embedded Kafka broker (KRaft), stream-trainer and stream-scorer. The demo streamed "
                        + c.recordsProduced() + " labeled records (" + r.settings().sinPasses() + " shuffled passes over "
                        + r.settings().sinPoints() + " sin-gap points, " + r.settings().moonsPasses() + " over "
                        + r.settings().moonsPoints() + " two-moons points) through labeled-records, waited for the snapshots that had seen them all, "
                        + "then scored " + c.featureRecordsSent() + " feature records through feature-records and read the "
                        + c.predictionsEmitted() + " predictions back from predictions (read_committed). Seed "
                        + r.settings().seed() + ", " + fmt(r.seconds(), 1) + " s."));
        h.append("<h2>Summary</h2>\n<table><tr><th>metric</th><th>value</th><th>meaning</th></tr>\n")
                .append(row("gap_std_ratio", fmt(m.gapStdRatio(), 2), "mean epistemic std in the gap (-1,1) / in the data, |x| in [1.5,3.5]"))
                .append(row("ood_std_ratio", fmt(m.oodStdRatio(), 2), "the same for |x| in [5,6], beyond the data"))
                .append(row("coverage_90", fmt(m.coverage90(), 3), "fresh points from the training range inside the 90% interval (target 0.90)"))
                .append(row("rmse", fmt(m.rmse(), 4), "of the predictive mean on those points (noise std is 0.1)"))
                .append(row("moons_accuracy", fmt(m.moonsAccuracy(), 3), "on fresh two-moons points"))
                .append(row("records_trained", Long.toString(c.recordsTrained()), "records seen by the final snapshots"))
                .append(row("snapshots_published", Long.toString(c.snapshotsPublished()), "posterior snapshots on posterior-snapshots"))
                .append(row("dlq_records", Long.toString(c.dlqRecords()), "dead letters of both apps"))
                .append("</table>\n");
        h.append("<h2>Regression with a gap: sin x</h2>\n")
                .append(p("Blue: predictive mean and 90% predictive interval. Red: its epistemic part (mean +- 1.645 "
                        + "epistemic std), the uncertainty about the weights that more data would remove; it widens in the "
                        + "gap and outside [-4, 4], where the model has seen nothing."))
                .append("<img src=\"predictive.png\" alt=\"sin-gap posterior predictive\">\n");
        h.append("<h2>Two moons</h2>\n")
                .append(p("Each cell is coloured by its predicted class and fades to white as the predictive entropy "
                        + "approaches ln 2: the model is sure near the data and along neither moon, unsure at the boundary."))
                .append("<img src=\"moons.png\" alt=\"two-moons decision surface\">\n");
        h.append("<h2>Prequential metrics over time</h2>\n")
                .append(p("Test-then-train: each mini-batch is scored by the posterior before it learns from it, as the "
                        + "trainer published on training-metrics (decayed: exponentially weighted, half-life 1000 examples)."))
                .append("<img src=\"prequential.png\" alt=\"prequential metrics\">\n");
        h.append(prequentialTable("sin-gap", r.sinHistory(), true)).append(prequentialTable("two-moons", r.moonsHistory(), false));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String prequentialTable(String name, List<TrainingMetrics> history, boolean regression) {
        StringBuilder t = new StringBuilder("<h3>" + name + "</h3>\n<table><tr><th>records trained</th>");
        t.append(regression ? "<th>RMSE (decayed)</th><th>90% coverage (decayed)</th><th>RMSE (cumulative)</th><th>coverage (cumulative)</th>"
                : "<th>accuracy (decayed)</th><th>log-loss (decayed)</th><th>accuracy (cumulative)</th><th>log-loss (cumulative)</th>");
        t.append("</tr>\n");
        for (int k = 1; k <= TABLE_ROWS && !history.isEmpty(); k++) {
            TrainingMetrics m = history.get(Math.max(0, (int) ((long) history.size() * k / TABLE_ROWS) - 1));
            PrequentialSummary d = m.getDecayed();
            PrequentialSummary c = m.getCumulative();
            t.append("<tr><td>").append(m.getRecordsSeen()).append("</td>");
            if (regression) {
                t.append(cell(d.getRmse())).append(cell(d.getCoverage())).append(cell(c.getRmse())).append(cell(c.getCoverage()));
            } else {
                t.append(cell(d.getAccuracy())).append(cell(d.getNll())).append(cell(c.getAccuracy())).append(cell(c.getNll()));
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String cell(Double v) {
        return "<td>" + (v == null ? "" : fmt(v, 3)) + "</td>";
    }

    private static String row(String name, String value, String meaning) {
        return "<tr><td>" + name + "</td><td>" + value + "</td><td style=\"text-align:left\">" + meaning + "</td></tr>\n";
    }

    private static String p(String text) {
        return "<p>" + text + "</p>\n";
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
