package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Two-moons classification streamed through the learner: accurate on held-out points, more uncertain far away. */
class TwoMoonsTest {
    private static final long SEED = 31;

    static double[][] moons(int n, Random r, double[] labels) {
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(2);
            double t = Math.PI * r.nextDouble();
            x[i][0] = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
            x[i][1] = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[i][0] += 0.1 * r.nextGaussian();
            x[i][1] += 0.1 * r.nextGaussian();
            labels[i] = c;
        }
        return x;
    }

    @Test
    void accurateOnTestPointsAndUncertainFarAway() {
        ModelSpec spec = ClassicSpecs.classification("moons", 2, 2).network(n -> n.withHidden(32, 32))
                .optimiser(o -> o.withBatchSize(32)).seed(SEED)
                .streaming(s -> s.withStreaming(io.credence.bnn.spec.StreamingMode.EFFECTIVE_DATA_SIZE, 1000, 1.0))
                .build();
        OnlineLearner learner = OnlineLearner.create(spec);
        Random r = new Random(SEED);
        double[] y = new double[1000];
        double[][] x = moons(1000, r, y);
        StepReport report = null;
        for (int epoch = 0; epoch < 60; epoch++) {
            for (int s = 0; s < x.length; s += 32) {
                int e = Math.min(x.length, s + 32);
                report = learner.learn(java.util.Arrays.copyOfRange(x, s, e), java.util.Arrays.copyOfRange(y, s, e), null);
            }
        }
        Predictor predictor = Predictor.of(learner.posterior(), SEED);
        double[] yt = new double[1000];
        double[][] xt = moons(1000, new Random(SEED + 1), yt);
        PredictiveSummary[] s = predictor.predict(xt, 50);
        int correct = 0;
        double nearEntropy = 0;
        for (int i = 0; i < xt.length; i++) {
            if (s[i].predictedClass() == (int) yt[i]) correct++;
            nearEntropy += s[i].entropy() / xt.length;
            assertThat(s[i].mutualInformation()).isBetween(0.0, s[i].entropy() + 1e-12);
        }
        // A ring of radius 6 around the data's centre, evenly spaced so every direction counts once.
        double[][] far = new double[200][2];
        for (int i = 0; i < far.length; i++) {
            double angle = 2 * Math.PI * i / far.length;
            far[i][0] = 0.5 + 6 * Math.cos(angle);
            far[i][1] = 0.25 + 6 * Math.sin(angle);
        }
        double farEntropy = 0, farMi = 0, nearMi = 0;
        for (PredictiveSummary f : predictor.predict(far, 50)) {
            farEntropy += f.entropy() / far.length;
            farMi += f.mutualInformation() / far.length;
        }
        for (PredictiveSummary n : s) nearMi += n.mutualInformation() / s.length;
        double accuracy = correct / (double) xt.length;
        System.out.printf("two-moons seed %d: accuracy %.3f, entropy near %.3f far %.3f, MI near %.4f far %.4f, prequential %s%n",
                SEED, accuracy, nearEntropy, farEntropy, nearMi, farMi, report.cumulative());
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
        assertThat(farEntropy).isGreaterThan(nearEntropy);
        assertThat(report.cumulative().accuracy()).isGreaterThan(0.9);
    }
}
