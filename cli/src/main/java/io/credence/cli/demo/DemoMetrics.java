package io.credence.cli.demo;

import io.credence.avro.Prediction;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The demo's headline numbers, computed from the predictions read back from Kafka.
 *
 * @param gapStdRatio  mean epistemic std over the gap (-1, 1) / its mean over the training interior |x| in [1.5, 3.5]
 * @param oodStdRatio  mean epistemic std over |x| in [5, 6] / the same interior mean
 * @param coverage90   fraction of fresh training-range labels inside the 90% predictive interval
 * @param rmse         root mean squared error of the predictive mean on those fresh points
 * @param moonsAccuracy fraction of fresh two-moons points whose predicted class is right
 */
public record DemoMetrics(double gapStdRatio, double oodStdRatio, double coverage90, double rmse, double moonsAccuracy) {

    /** The numbers of one run. */
    public static DemoMetrics of(DemoResult r) {
        double interior = meanEpistemic(r.sinGrid(), r.sinGridPredictions(), x -> Math.abs(x) >= 1.5 && Math.abs(x) <= 3.5);
        double gap = meanEpistemic(r.sinGrid(), r.sinGridPredictions(), x -> x > -1 && x < 1);
        double ood = meanEpistemic(r.sinGrid(), r.sinGridPredictions(), x -> Math.abs(x) >= 5 && Math.abs(x) <= 6);
        int covered = 0;
        double squared = 0;
        List<Prediction> fresh = r.freshPredictions();
        for (int i = 0; i < fresh.size(); i++) {
            Prediction p = fresh.get(i);
            double y = r.fresh().y()[i];
            if (y >= p.getLower() && y <= p.getUpper()) covered++;
            squared += (y - p.getMean()) * (y - p.getMean());
        }
        int correct = 0;
        List<Prediction> test = r.moonsTestPredictions();
        for (int i = 0; i < test.size(); i++) {
            if (test.get(i).getPredictedClass() != null && test.get(i).getPredictedClass() == (int) r.moonsTest().y()[i]) correct++;
        }
        return new DemoMetrics(gap / interior, ood / interior, covered / (double) fresh.size(),
                Math.sqrt(squared / fresh.size()), correct / (double) test.size());
    }

    private static double meanEpistemic(double[][] x, List<Prediction> predictions, DoublePredicate where) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (where.test(x[i][0])) {
                sum += predictions.get(i).getEpistemicStd();
                n++;
            }
        }
        if (n == 0) throw new IllegalStateException("no grid point in the region: the sin-gap grid is too coarse");
        return sum / n;
    }
}
