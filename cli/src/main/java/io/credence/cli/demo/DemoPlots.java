package io.credence.cli.demo;

import io.credence.avro.Prediction;
import io.credence.avro.PrequentialSummary;
import io.credence.avro.TrainingMetrics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The demo's pictures, drawn with XChart and written as PNG (headless). */
public final class DemoPlots {

    /** 90% central interval of a Gaussian: mean +- 1.645 std. */
    private static final double Z90 = 1.6448536269514722;
    private static final int ENTROPY_LEVELS = 8;
    static final Color BLUE = new Color(31, 119, 180);
    static final Color ORANGE = new Color(255, 127, 14);
    private static final int TRAINING_POINTS_SHOWN = 500;

    private DemoPlots() {}

    /**
     * predictive.png: the sin-gap training data, the predictive mean, the 90% predictive interval and, inside it, the
     * epistemic part (mean +- 1.645 epistemic std), over [-6, 6].
     */
    public static void predictive(DemoResult r, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(960).height(600)
                .title("sin x with a gap in the data: posterior predictive (version " + r.counts().sinVersion() + ")")
                .xAxisTitle("x").yAxisTitle("y").build();
        style(chart);
        chart.getStyler().setXAxisMin(DemoSettings.SIN_X_MIN).setXAxisMax(DemoSettings.SIN_X_MAX)
                .setYAxisMin(-3.0).setYAxisMax(3.0).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        double[][] grid = r.sinGrid();
        List<Prediction> p = r.sinGridPredictions();
        int n = grid.length;
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = grid[i][0];
            mean[i] = p.get(i).getMean();
            truth[i] = Math.sin(x[i]);
        }
        band(chart, "90% predictive interval", x, i -> p.get(i).getLower(), i -> p.get(i).getUpper(), new Color(31, 119, 180, 60));
        band(chart, "its epistemic part: mean +- 1.645 epistemic std", x,
                i -> p.get(i).getMean() - Z90 * p.get(i).getEpistemicStd(),
                i -> p.get(i).getMean() + Z90 * p.get(i).getEpistemicStd(), new Color(214, 39, 40, 110));
        XYSeries sin = chart.addSeries("sin x", x, truth);
        sin.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
                .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        XYSeries m = chart.addSeries("predictive mean", x, mean);
        m.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(BLUE)
                .setLineStyle(new BasicStroke(2.5f));
        int shown = Math.min(TRAINING_POINTS_SHOWN, r.sinTrain().size());
        double[] tx = new double[shown];
        double[] ty = new double[shown];
        for (int i = 0; i < shown; i++) {
            tx[i] = r.sinTrain().x()[i][0];
            ty[i] = r.sinTrain().y()[i];
        }
        XYSeries data = chart.addSeries("training data (" + shown + " shown)", tx, ty);
        data.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(new Dot(4)).setMarkerColor(new Color(0, 0, 0, 140));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static void band(XYChart chart, String name, double[] x, Function<Integer, Double> lower,
                             Function<Integer, Double> upper, Color fill) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = upper.apply(i);
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lower.apply(i);
        }
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea).setMarker(SeriesMarkers.NONE).setLineColor(fill);
        s.setFillColor(fill);
    }

    /**
     * moons.png: the two-moons decision surface, each grid cell coloured by its predicted class and faded towards
     * white as the predictive entropy rises to ln 2 (a coin toss), with the training points on top.
     */
    public static void moons(DemoResult r, Path file) throws IOException {
        int width = 800;
        int height = 640;
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title("two moons: predicted class, faded to white by predictive entropy (version "
                        + r.counts().moonsVersion() + ")")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        style(chart);
        chart.getStyler().setXAxisMin(TwoMoons.X_MIN).setXAxisMax(TwoMoons.X_MAX)
                .setYAxisMin(TwoMoons.Y_MIN).setYAxisMax(TwoMoons.Y_MAX).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        int side = r.settings().moonsGridSide();
        // Tiles a little larger than a cell at the plot's approximate size, so neighbours overlap instead of leaving gaps.
        int tile = (int) Math.ceil(Math.max(0.86 * width / side, 0.74 * height / side)) + 2;
        double[][] grid = r.moonsGrid();
        List<Prediction> p = r.moonsGridPredictions();
        for (int c = 0; c < 2; c++) {
            for (int level = 0; level < ENTROPY_LEVELS; level++) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < grid.length; i++) {
                    Prediction q = p.get(i);
                    if (q.getPredictedClass() != c || entropyLevel(q.getEntropy()) != level) continue;
                    xs.add(grid[i][0]);
                    ys.add(grid[i][1]);
                }
                if (xs.isEmpty()) continue;
                XYSeries s = chart.addSeries("class " + c + " entropy level " + level, xs, ys);
                double fade = (level + 0.5) / ENTROPY_LEVELS;
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(new Tile(tile))
                        .setMarkerColor(mix(c == 0 ? BLUE : ORANGE, Color.WHITE, 0.25 + 0.75 * fade));
                s.setShowInLegend(false);
            }
        }
        for (int c = 0; c < 2; c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < Math.min(TRAINING_POINTS_SHOWN, r.moonsTrain().size()); i++) {
                if ((int) r.moonsTrain().y()[i] != c) continue;
                xs.add(r.moonsTrain().x()[i][0]);
                ys.add(r.moonsTrain().x()[i][1]);
            }
            XYSeries s = chart.addSeries("training points, class " + c, xs, ys);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(new Dot(6))
                    .setMarkerColor(c == 0 ? BLUE.darker().darker() : ORANGE.darker().darker());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static int entropyLevel(Double entropy) {
        double e = entropy == null ? 0 : entropy / Math.log(2);
        return Math.min(ENTROPY_LEVELS - 1, Math.max(0, (int) (e * ENTROPY_LEVELS)));
    }

    private static Color mix(Color a, Color b, double towardsB) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * towardsB),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * towardsB),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * towardsB));
    }

    /**
     * prequential.png: test-then-train metrics over the stream (exponentially decayed, half-life 1000 examples), as
     * the trainer published them on training-metrics: sin-gap RMSE and 90% coverage, two-moons accuracy and log-loss.
     */
    public static void prequential(DemoResult r, Path file) throws IOException {
        XYChart sin = new XYChartBuilder().width(560).height(380).title("sin-gap: prequential metrics (decayed)")
                .xAxisTitle("records trained (thousands)").yAxisTitle("").build();
        style(sin);
        sin.getStyler().setXAxisMin(0.0).setXAxisDecimalPattern("#");
        line(sin, "RMSE", r.sinHistory(), PrequentialSummary::getRmse, BLUE);
        line(sin, "90% interval coverage", r.sinHistory(), PrequentialSummary::getCoverage, ORANGE);
        XYChart moons = new XYChartBuilder().width(560).height(380).title("two-moons: prequential metrics (decayed)")
                .xAxisTitle("records trained (thousands)").yAxisTitle("").build();
        style(moons);
        moons.getStyler().setXAxisMin(0.0).setXAxisDecimalPattern("#");
        line(moons, "accuracy", r.moonsHistory(), PrequentialSummary::getAccuracy, BLUE);
        line(moons, "log-loss (nats)", r.moonsHistory(), PrequentialSummary::getNll, ORANGE);
        List<IChart> charts = List.of(sin, moons);
        BitmapEncoder.saveBitmap(charts, 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static void line(XYChart chart, String name, List<TrainingMetrics> history,
                             Function<PrequentialSummary, Double> metric, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (TrainingMetrics m : history) {
            Double v = metric.apply(m.getDecayed());
            if (v == null || !Double.isFinite(v)) continue;
            xs.add(m.getRecordsSeen() / 1000.0);
            ys.add(v);
        }
        if (xs.isEmpty()) return;
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(color)
                .setLineStyle(new BasicStroke(2f));
    }

    static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setLegendPosition(Styler.LegendPosition.InsideNW).setAntiAlias(true).setMarkerSize(4);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    }

    /** A filled square of a fixed size in pixels, whatever the chart's marker size: one grid cell. */
    private static final class Tile extends Marker {
        private final int size;

        Tile(int size) {
            this.size = size;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Rectangle2D.Double(x - size / 2.0, y - size / 2.0, size, size));
        }
    }

    /** A filled circle of a fixed size in pixels: one data point. */
    static final class Dot extends Marker {
        private final int size;

        Dot(int size) {
            this.size = size;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Ellipse2D.Double(x - size / 2.0, y - size / 2.0, size, size));
        }
    }
}
