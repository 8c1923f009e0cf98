package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.likelihood.HeteroscedasticLikelihood;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A heteroscedastic model must not extrapolate its noise below anything it saw: x ~ U[0, 1], y = x + N(0, (0.02 +
 * 0.3 x)^2), so the learned log-variance falls towards x = 0 and, being piecewise linear, keeps falling beyond it.
 * The floor the learner tracks must stop that far from the data and leave the predictions on the data alone.
 */
class LogVarianceFloorTest {
    static final long SEED = 77;
    static final int SAMPLES = 200;
    static Posterior posterior;
    static Predictor floored;
    static Predictor unfloored;
    static double restoredFloor;

    @BeforeAll
    static void train() {
        ModelSpec spec = ClassicSpecs.regression("het-floor", 1).network(n -> n.withHidden(50))
                .optimiser(o -> o.withBatchSize(32).withLearningRate(0.01))
                .likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 1.0)).seed(SEED).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        Random r = new Random(SEED);
        int n = 2000;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble();
            y[i] = x[i][0] + (0.02 + 0.3 * x[i][0]) * r.nextGaussian();
        }
        for (int epoch = 0; epoch < 30; epoch++) {
            for (int start = 0; start + 32 <= n; start += 32) {
                learner.learn(Arrays.copyOfRange(x, start, start + 32), Arrays.copyOfRange(y, start, start + 32), null);
            }
        }
        posterior = learner.posterior();
        restoredFloor = OnlineLearner.restore(learner.state()).posterior().logVarianceFloor();
        Posterior p = posterior;
        floored = Predictor.of(p, SEED);
        unfloored = Predictor.of(new Posterior(p.spec(), p.layers(), p.noiseLogSigma(), Double.NaN, p.inputs(), p.target(),
                p.recordsSeen(), p.updates()), SEED);
    }

    static double[][] grid(double from, double to, int n) {
        double[][] g = new double[n][1];
        for (int i = 0; i < n; i++) g[i][0] = from + (to - from) * (i + 0.5) / n;
        return g;
    }

    @Test
    void onTheDataTheFloorChangesAlmostNothing() {
        PredictiveSummary[] with = floored.predict(grid(0, 1, 200), SAMPLES);
        PredictiveSummary[] without = unfloored.predict(grid(0, 1, 200), SAMPLES);
        double worst = 0, sum = 0;
        for (int i = 0; i < with.length; i++) {
            double change = with[i].aleatoricStd() / without[i].aleatoricStd() - 1;
            worst = Math.max(worst, change);
            sum += change;
        }
        System.out.printf("log-variance floor seed %d: %.3f (std %.4f in target units); on [0, 1] aleatoric std widened by %.2f%% on average, %.2f%% at most; x = 0.05: %.4f%n",
                SEED, posterior.logVarianceFloor(), Math.exp(0.5 * posterior.logVarianceFloor()) * Math.sqrt(posterior.target().m2()[0] / posterior.target().count()),
                100 * sum / with.length, 100 * worst, with[10].aleatoricStd());
        assertThat(sum / with.length).isLessThan(0.01);
        assertThat(worst).isLessThan(0.10);
    }

    @Test
    void farFromTheDataTheNoiseStaysAtLeastAtTheFloor() {
        double[][] far = {{-3}, {-6}};
        PredictiveSummary[] with = floored.predict(far, SAMPLES);
        PredictiveSummary[] without = unfloored.predict(far, SAMPLES);
        double lowestOnData = Arrays.stream(floored.predict(grid(0, 1, 200), SAMPLES)).mapToDouble(PredictiveSummary::aleatoricStd).min().orElseThrow();
        System.out.printf("log-variance floor seed %d: aleatoric std at x = -3, -6: %.4f, %.4f with the floor, %.5f, %.5f without; lowest on [0, 1] %.4f%n",
                SEED, with[0].aleatoricStd(), with[1].aleatoricStd(), without[0].aleatoricStd(), without[1].aleatoricStd(), lowestOnData);
        for (int i = 0; i < far.length; i++) {
            assertThat(without[i].aleatoricStd()).as("unfloored x = %s", far[i][0]).isLessThan(0.5 * lowestOnData);
            assertThat(with[i].aleatoricStd()).as("floored x = %s", far[i][0]).isGreaterThan(0.5 * lowestOnData);
        }
    }

    @Test
    void theFloorSurvivesACheckpoint() {
        assertThat(posterior.logVarianceFloor()).isFinite();
        assertThat(restoredFloor).isEqualTo(posterior.logVarianceFloor());
    }

    @Test
    void theFloorFollowsALowerBatchAtOnceAndRisesByItsRelaxationRate() {
        assertThat(HeteroscedasticLikelihood.nextFloor(Double.NaN, -2)).isEqualTo(-2);
        assertThat(HeteroscedasticLikelihood.nextFloor(-2, -3)).isEqualTo(-3);
        assertThat(HeteroscedasticLikelihood.nextFloor(-2, 0)).isCloseTo(-2 + 2 * HeteroscedasticLikelihood.FLOOR_RELAXATION,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(HeteroscedasticLikelihood.nextFloor(-2, Double.POSITIVE_INFINITY)).isEqualTo(-2);
        assertThat(HeteroscedasticLikelihood.predictiveLogVariance(-9, -4)).isEqualTo(-4);
        assertThat(HeteroscedasticLikelihood.predictiveLogVariance(-1, -4)).isEqualTo(-1);
        assertThat(HeteroscedasticLikelihood.predictiveLogVariance(-99, Double.NaN)).isEqualTo(-HeteroscedasticLikelihood.LOG_VAR_LIMIT);
    }
}
