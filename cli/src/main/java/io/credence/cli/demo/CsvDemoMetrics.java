package io.credence.cli.demo;

import io.credence.avro.Prediction;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The held-back rows' scores of one {@code credence demo --csv} run. Regression: RMSE of the predictive mean, mean
 * log predictive density (nats), the share of labels inside the scorer's 90% central interval, and the calibration
 * curve (the share inside the central interval at each level 0.1..0.9, from the predictive CDF at each label).
 * Classification: accuracy, log-loss (nats), expected calibration error over ten equal-width confidence bins, and
 * the reliability diagram (mean confidence and accuracy of each non-empty bin).
 *
 * @param rmse        regression; NaN for classification
 * @param ll          regression: mean log predictive density; NaN for classification
 * @param coverage90  regression; NaN for classification
 * @param accuracy    classification; NaN for regression
 * @param logLoss     classification; NaN for regression
 * @param ece         classification; NaN for regression
 * @param calibration regression: (level, observed coverage) per level; classification: (confidence, accuracy, rows)
 *                    per non-empty bin
 */
public record CsvDemoMetrics(double rmse, double ll, double coverage90, double accuracy, double logLoss, double ece,
                             List<double[]> calibration) {

    /** Central interval levels of the regression calibration curve. */
    static final double[] LEVELS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    /** Equal-width confidence bins of the reliability diagram and the ECE. */
    static final int BINS = 10;

    /** Copies the list. */
    public CsvDemoMetrics {
        calibration = List.copyOf(calibration);
    }

    /** The scores of one run. */
    public static CsvDemoMetrics of(CsvDemoResult r) {
        return r.data().task() == Task.REGRESSION ? regression(r) : classification(r);
    }

    private static CsvDemoMetrics regression(CsvDemoResult r) {
        double[] y = r.data().test().y();
        List<Prediction> p = r.testPredictions();
        List<Predictor.LabelScore> s = r.testScores();
        double squared = 0, ll = 0;
        int covered = 0;
        for (int i = 0; i < y.length; i++) {
            squared += (y[i] - p.get(i).getMean()) * (y[i] - p.get(i).getMean());
            ll += s.get(i).logDensity();
            boolean inside = p.get(i).getIntervalLevel() == 0.9 ? y[i] >= p.get(i).getLower() && y[i] <= p.get(i).getUpper()
                    : s.get(i).insideInterval(0.9);
            if (inside) covered++;
        }
        List<double[]> curve = new ArrayList<>();
        for (double level : LEVELS) {
            long inside = s.stream().filter(score -> score.insideInterval(level)).count();
            curve.add(new double[] {level, inside / (double) y.length});
        }
        return new CsvDemoMetrics(Math.sqrt(squared / y.length), ll / y.length, covered / (double) y.length,
                Double.NaN, Double.NaN, Double.NaN, curve);
    }

    private static CsvDemoMetrics classification(CsvDemoResult r) {
        double[] y = r.data().test().y();
        List<Prediction> p = r.testPredictions();
        double[] confidence = new double[BINS];
        double[] correctIn = new double[BINS];
        int[] rows = new int[BINS];
        int correct = 0;
        double logLoss = 0;
        for (int i = 0; i < y.length; i++) {
            List<Double> probabilities = p.get(i).getClassProbabilities();
            int predicted = p.get(i).getPredictedClass();
            boolean right = predicted == (int) y[i];
            if (right) correct++;
            logLoss -= Math.log(Math.max(probabilities.get((int) y[i]), Double.MIN_NORMAL));
            double top = probabilities.get(predicted);
            int bin = Math.min(BINS - 1, (int) (top * BINS));
            confidence[bin] += top;
            correctIn[bin] += right ? 1 : 0;
            rows[bin]++;
        }
        double ece = 0;
        List<double[]> diagram = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (rows[b] == 0) continue;
            double conf = confidence[b] / rows[b];
            double acc = correctIn[b] / rows[b];
            ece += rows[b] / (double) y.length * Math.abs(acc - conf);
            diagram.add(new double[] {conf, acc, rows[b]});
        }
        return new CsvDemoMetrics(Double.NaN, Double.NaN, Double.NaN, correct / (double) y.length, logLoss / y.length,
                ece, diagram);
    }
}
