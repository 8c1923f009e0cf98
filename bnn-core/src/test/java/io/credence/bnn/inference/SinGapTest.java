package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic 1-D uncertainty check: x from [-4,-1] and [1,4], y = sin x + N(0, 0.1^2), two hidden layers of 50,
 * streamed through the online learner. Epistemic std (spread of the sampled means) must grow outside the data and in
 * the gap, and the 90% interval must be calibrated on fresh points from the training range.
 */
class SinGapTest {
    static final long SEED = 2024;
    static Predictor predictor;
    static StepReport last;

    @BeforeAll
    static void train() {
        ModelSpec spec = ClassicSpecs.regression("sin-gap", 1).network(n -> n.withHidden(50, 50))
                .optimiser(o -> o.withBatchSize(32).withLearningRate(0.01))
                .streaming(s -> s.withStreaming(io.credence.bnn.spec.StreamingMode.EFFECTIVE_DATA_SIZE, 2000, 1.0))
                .seed(SEED).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        Random r = new Random(SEED);
        double[][] x = new double[2000][1];
        double[] y = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = sampleTrainingX(r);
            y[i] = Math.sin(x[i][0]) + 0.1 * r.nextGaussian();
        }
        int batch = spec.optimiser().batchSize();
        for (int epoch = 0; epoch < 30; epoch++) {
            for (int start = 0; start + batch <= x.length; start += batch) {
                double[][] xb = java.util.Arrays.copyOfRange(x, start, start + batch);
                double[] yb = java.util.Arrays.copyOfRange(y, start, start + batch);
                last = learner.learn(xb, yb, null);
            }
        }
        predictor = Predictor.of(learner.posterior(), SEED);
    }

    static double sampleTrainingX(Random r) {
        double u = 1 + 3 * r.nextDouble();
        return r.nextBoolean() ? u : -u;
    }

    static double meanEpistemic(double from, double to, boolean symmetric) {
        int n = 200;
        double[][] grid = new double[symmetric ? 2 * n : n][1];
        for (int i = 0; i < n; i++) {
            double v = from + (to - from) * (i + 0.5) / n;
            grid[i][0] = v;
            if (symmetric) grid[n + i][0] = -v;
        }
        double sum = 0;
        for (PredictiveSummary s : predictor.predict(grid, 200)) sum += s.epistemicStd();
        return sum / grid.length;
    }

    @Test
    void epistemicUncertaintyGrowsAwayFromTheData() {
        double interior = meanEpistemic(1.5, 3.5, true);
        double outside = meanEpistemic(5, 6, true);
        double gap = meanEpistemic(-1, 1, false);
        System.out.printf("sin-gap seed %d: epistemic std interior %.4f, |x| in [5,6] %.4f (ratio %.2f), gap %.4f (ratio %.2f); prequential %s%n",
                SEED, interior, outside, outside / interior, gap, gap / interior, last.cumulative());
        assertThat(outside / interior).isGreaterThanOrEqualTo(2.0);
        assertThat(gap).isGreaterThan(interior);
    }

    @Test
    void ninetyPercentIntervalIsCalibratedOnFreshPoints() {
        Random r = new Random(SEED + 1);
        int n = 2000;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = sampleTrainingX(r);
            y[i] = Math.sin(x[i][0]) + 0.1 * r.nextGaussian();
        }
        PredictiveSummary[] s = predictor.predict(x, 100);
        int covered = 0;
        double se = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] >= s[i].lower() && y[i] <= s[i].upper()) covered++;
            se += (y[i] - s[i].mean()) * (y[i] - s[i].mean());
        }
        double coverage = covered / (double) n;
        System.out.printf("sin-gap seed %d: 90%% coverage %.3f, rmse %.4f, aleatoric %.4f, epistemic %.4f%n", SEED, coverage, Math.sqrt(se / n), s[0].aleatoricStd(), s[0].epistemicStd());
        assertThat(coverage).isBetween(0.85, 0.95);
        assertThat(Math.sqrt(se / n)).isLessThan(0.2);
    }
}
