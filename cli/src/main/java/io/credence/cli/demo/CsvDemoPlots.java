package io.credence.cli.demo;

import io.credence.avro.Prediction;
import io.credence.avro.PrequentialSummary;
import io.credence.bnn.spec.Task;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pictures of {@code credence demo --csv}, drawn with XChart and written as PNG (headless). */
public final class CsvDemoPlots {

    private static final Color[] CLASS_COLORS = {DemoPlots.BLUE, DemoPlots.ORANGE, new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final int TEST_POINTS_SHOWN = 1000;

    private CsvDemoPlots() {}

    /**
     * Writes every picture into {@code dir}; returns the file names with a caption each, in the report's order:
     * predictions.png, calibration.png, prequential.png and, for one or two feature columns, along-1.png (and along-2.png).
     */
    public static Map<String, String> write(CsvDemoResult r, CsvDemoMetrics m, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        boolean regression = r.data().task() == Task.REGRESSION;
        if (regression) {
            predictedVsActual(r, dir.resolve("predictions.png"));
            files.put("predictions.png", "Predicted against actual on the held-back rows: the predictive mean (dots) and "
                    + "the 90% predictive interval (bars); on the diagonal a prediction is exact.");
            coverage(m, dir.resolve("calibration.png"));
            files.put("calibration.png", "Calibration: the share of held-back labels inside the central predictive "
                    + "interval at each level; on the diagonal the intervals are honest, below it too narrow, above it too wide.");
        } else {
            confusion(r, dir.resolve("predictions.png"));
            files.put("predictions.png", "Predicted classes of the held-back rows, by their true class.");
            reliability(m, dir.resolve("calibration.png"));
            files.put("calibration.png", "Reliability diagram: the held-back rows binned by the predicted class's "
                    + "probability; on the diagonal the model is as sure as it is right.");
        }
        prequential(r, dir.resolve("prequential.png"));
        files.put("prequential.png", "Test-then-train: each mini-batch scored by the posterior before it learned from it, "
                + "as the trainer published on training-metrics (exponentially weighted, half-life 1000 examples).");
        for (int i = 0; i < r.curves().size(); i++) {
            CsvDemoResult.Curve c = r.curves().get(i);
            String name = "along-" + (i + 1) + ".png";
            along(r, c, dir.resolve(name));
            files.put(name, (regression ? "The predictive mean and its 90% interval" : "The class probabilities")
                    + " along " + c.column() + (r.data().features() > 1 ? ", the other column at its training mean" : "")
                    + ", a tenth of the training range beyond it on each side; the training rows as dots.");
        }
        return files;
    }

    private static void predictedVsActual(CsvDemoResult r, Path file) throws IOException {
        XYChart chart = chart("Held-back rows: predicted against actual " + r.data().target() + " (version "
                + r.counts().version() + ")", "actual " + r.data().target(), "predicted " + r.data().target());
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        int n = Math.min(TEST_POINTS_SHOWN, r.testPredictions().size());
        double[] actual = new double[n], center = new double[n], half = new double[n], mean = new double[n];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Prediction p = r.testPredictions().get(i);
            actual[i] = r.data().test().y()[i];
            center[i] = (p.getLower() + p.getUpper()) / 2;
            half[i] = (p.getUpper() - p.getLower()) / 2;
            mean[i] = p.getMean();
            lo = Math.min(lo, Math.min(actual[i], p.getLower()));
            hi = Math.max(hi, Math.max(actual[i], p.getUpper()));
        }
        XYSeries diagonal = chart.addSeries("exact", new double[] {lo, hi}, new double[] {lo, hi});
        diagonal.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        XYSeries bars = chart.addSeries("90% predictive interval", actual, center, half);
        bars.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.NONE)
                .setMarkerColor(new Color(31, 119, 180, 90)).setLineColor(new Color(31, 119, 180, 90));
        XYSeries dots = chart.addSeries("predictive mean (" + n + " rows)", actual, mean);
        dots.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(new DemoPlots.Dot(5)).setMarkerColor(Color.BLACK);
        save(chart, file);
    }

    private static void coverage(CsvDemoMetrics m, Path file) throws IOException {
        XYChart chart = chart("Calibration of the central predictive intervals (held-back rows)", "interval level",
                "share of labels inside");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries ideal = chart.addSeries("honest", new double[] {0, 1}, new double[] {0, 1});
        ideal.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        double[] level = m.calibration().stream().mapToDouble(c -> c[0]).toArray();
        double[] observed = m.calibration().stream().mapToDouble(c -> c[1]).toArray();
        XYSeries s = chart.addSeries("observed", level, observed);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(DemoPlots.BLUE)
                .setLineColor(DemoPlots.BLUE).setLineStyle(new BasicStroke(2f));
        save(chart, file);
    }

    private static void reliability(CsvDemoMetrics m, Path file) throws IOException {
        XYChart chart = chart(String.format(Locale.ROOT, "Reliability diagram (held-back rows), ECE %.3f", m.ece()),
                "probability of the predicted class (bin mean)", "accuracy in the bin");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries ideal = chart.addSeries("calibrated", new double[] {0, 1}, new double[] {0, 1});
        ideal.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        double[] confidence = m.calibration().stream().mapToDouble(c -> c[0]).toArray();
        double[] accuracy = m.calibration().stream().mapToDouble(c -> c[1]).toArray();
        XYSeries s = chart.addSeries("observed (one point per non-empty bin of " + CsvDemoMetrics.BINS + ")", confidence, accuracy);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(DemoPlots.BLUE)
                .setLineColor(DemoPlots.BLUE).setLineStyle(new BasicStroke(2f));
        save(chart, file);
    }

    private static void confusion(CsvDemoResult r, Path file) throws IOException {
        List<String> classes = r.data().classNames();
        CategoryChart chart = new CategoryChartBuilder().width(860).height(560)
                .title("Held-back rows: predicted class by true class (version " + r.counts().version() + ")")
                .xAxisTitle("true " + r.data().target()).yAxisTitle("rows").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setLegendPosition(Styler.LegendPosition.OutsideE).setAntiAlias(true);
        int k = classes.size();
        int[][] counts = new int[k][k];
        for (int i = 0; i < r.testPredictions().size(); i++) {
            counts[(int) r.data().test().y()[i]][r.testPredictions().get(i).getPredictedClass()]++;
        }
        for (int predicted = 0; predicted < k; predicted++) {
            List<Number> column = new ArrayList<>();
            for (int truth = 0; truth < k; truth++) column.add(counts[truth][predicted]);
            chart.addSeries("predicted " + classes.get(predicted), classes, column)
                    .setFillColor(CLASS_COLORS[predicted % CLASS_COLORS.length]);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void prequential(CsvDemoResult r, Path file) throws IOException {
        XYChart chart = chart("Prequential metrics while streaming (decayed)", "records trained (thousands)", "");
        chart.getStyler().setXAxisMin(0.0);
        if (r.data().task() == Task.REGRESSION) {
            DemoPlots.line(chart, "RMSE", r.history(), PrequentialSummary::getRmse, DemoPlots.BLUE);
            DemoPlots.line(chart, "90% interval coverage", r.history(), PrequentialSummary::getCoverage, DemoPlots.ORANGE);
        } else {
            DemoPlots.line(chart, "accuracy", r.history(), PrequentialSummary::getAccuracy, DemoPlots.BLUE);
            DemoPlots.line(chart, "log-loss (nats)", r.history(), PrequentialSummary::getNll, DemoPlots.ORANGE);
        }
        save(chart, file);
    }

    private static void along(CsvDemoResult r, CsvDemoResult.Curve c, Path file) throws IOException {
        boolean regression = r.data().task() == Task.REGRESSION;
        XYChart chart = chart((regression ? "Posterior predictive" : "Class probabilities") + " along " + c.column()
                + " (version " + r.counts().version() + ")", c.column(), regression ? r.data().target() : "probability");
        chart.getStyler().setXAxisDecimalPattern("#.###");
        List<Prediction> p = c.predictions();
        double[] x = c.x();
        if (regression) {
            DemoPlots.band(chart, "90% predictive interval", x, i -> p.get(i).getLower(), i -> p.get(i).getUpper(),
                    new Color(31, 119, 180, 60));
            XYSeries mean = chart.addSeries("predictive mean", x, p.stream().mapToDouble(Prediction::getMean).toArray());
            mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                    .setLineColor(DemoPlots.BLUE).setLineStyle(new BasicStroke(2.5f));
            int n = Math.min(TEST_POINTS_SHOWN, r.data().train().size());
            double[] tx = new double[n], ty = new double[n];
            for (int i = 0; i < n; i++) {
                tx[i] = r.data().train().x()[i][c.index()];
                ty[i] = r.data().train().y()[i];
            }
            XYSeries data = chart.addSeries("training rows (" + n + " shown)", tx, ty);
            data.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(new DemoPlots.Dot(4))
                    .setMarkerColor(new Color(0, 0, 0, 140));
        } else {
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            for (int k = 0; k < r.data().classes(); k++) {
                final int cls = k;
                XYSeries s = chart.addSeries("P(" + r.data().classNames().get(k) + ")", x,
                        p.stream().mapToDouble(q -> q.getClassProbabilities().get(cls)).toArray());
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                        .setLineColor(CLASS_COLORS[k % CLASS_COLORS.length]).setLineStyle(new BasicStroke(2.5f));
            }
        }
        save(chart, file);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(860).height(560).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        DemoPlots.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
