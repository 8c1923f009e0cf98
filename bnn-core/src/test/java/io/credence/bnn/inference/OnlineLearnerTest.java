package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Determinism, checkpoints, NaN rejection, spec changes and posterior-as-prior refreshes of the online learner. */
class OnlineLearnerTest {

    static double[][] xs(Random r, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) for (int j = 0; j < d; j++) row[j] = r.nextGaussian();
        return x;
    }

    static double[] ys(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 2 * x[i][0] - x[i][1] + 5;
        return y;
    }

    static ModelSpec spec() {
        return ClassicSpecs.regression("m", 3).hidden(8).batchSize(16).seed(9).estimator(Estimator.FLIPOUT).build();
    }

    static void assertSamePosterior(Posterior a, Posterior b, double tolerance) {
        for (int l = 0; l < a.layers().size(); l++) {
            LayerPosterior x = a.layers().get(l), y = b.layers().get(l);
            for (int i = 0; i < x.weightMu().length; i++) {
                assertThat((double) y.weightMu()[i]).isCloseTo(x.weightMu()[i], org.assertj.core.data.Offset.offset(tolerance));
                assertThat((double) y.weightRho()[i]).isCloseTo(x.weightRho()[i], org.assertj.core.data.Offset.offset(tolerance));
            }
        }
        assertThat(b.recordsSeen()).isEqualTo(a.recordsSeen());
        assertThat(b.updates()).isEqualTo(a.updates());
    }

    @Test
    void sameSeedSameResult() {
        OnlineLearner a = OnlineLearner.create(spec()), b = OnlineLearner.create(spec());
        Random ra = new Random(1), rb = new Random(1);
        for (int i = 0; i < 20; i++) {
            double[][] xa = xs(ra, 16, 3), xb = xs(rb, 16, 3);
            a.learn(xa, ys(xa), null);
            b.learn(xb, ys(xb), null);
        }
        assertSamePosterior(a.posterior(), b.posterior(), 0.0);
        assertThat(a.state().prequential()).containsExactly(b.state().prequential());
    }

    @Test
    void restoredLearnerContinuesLikeTheOriginal() {
        OnlineLearner original = OnlineLearner.create(spec());
        Random r = new Random(2);
        for (int i = 0; i < 10; i++) {
            double[][] x = xs(r, 16, 3);
            original.learn(x, ys(x), null);
        }
        OnlineLearner restored = OnlineLearner.restore(original.state());
        assertSamePosterior(original.posterior(), restored.posterior(), 0.0);
        for (int i = 0; i < 10; i++) {
            double[][] x = xs(r, 16, 3);
            StepReport a = original.learn(x, ys(x), null);
            StepReport b = restored.learn(x, ys(x), null);
            assertThat(b.updates()).isEqualTo(a.updates());
        }
        // The checkpoint stores float32 values, so the continuation agrees to float precision, not bit for bit.
        assertSamePosterior(original.posterior(), restored.posterior(), 1e-4);
    }

    @Test
    void learnsAndReportsPrequentialMetrics() {
        OnlineLearner learner = OnlineLearner.create(spec());
        Random r = new Random(3);
        StepReport first = null, last = null;
        for (int i = 0; i < 200; i++) {
            double[][] x = xs(r, 16, 3);
            last = learner.learn(x, ys(x), null);
            if (first == null) first = last;
        }
        assertThat(last.accepted()).isTrue();
        assertThat(last.recordsSeen()).isEqualTo(3200);
        assertThat(last.updates()).isEqualTo(200);
        assertThat(last.decayed().rmse()).isLessThan(first.cumulative().rmse() / 5);
        assertThat(last.decayed().nll()).isLessThan(first.cumulative().nll());
    }

    @Test
    void nonFiniteStepIsRejectedAndLeavesNoTrace() {
        ModelSpec wild = spec().toBuilder().learningRate(1e300).clipNorm(0).build();
        OnlineLearner learner = OnlineLearner.create(wild);
        Random r = new Random(4);
        double[][] x = xs(r, 16, 3);
        Posterior before = learner.posterior();
        double[] prequentialBefore = learner.state().prequential();
        StepReport report = learner.learn(x, ys(x), null);
        assertThat(report.accepted()).isFalse();
        assertThat(report.rejectedSteps()).isEqualTo(1);
        assertThat(report.recordsSeen()).isZero();
        assertSamePosterior(before, learner.posterior(), 0.0);
        assertThat(learner.state().prequential()).containsExactly(prequentialBefore);
        for (LayerPosterior l : learner.posterior().layers()) for (float v : l.weightMu()) assertThat(Float.isFinite(v)).isTrue();
    }

    @Test
    void stepWhoseParametersOverflowFloat32IsRejected() {
        // Adam moves every parameter by about the learning rate: 1e40 is a finite double but an infinite float32.
        ModelSpec wild = spec().toBuilder().learningRate(1e40).clipNorm(0).build();
        OnlineLearner learner = OnlineLearner.create(wild);
        Random r = new Random(4);
        double[][] x = xs(r, 16, 3);
        Posterior before = learner.posterior();
        StepReport report = learner.learn(x, ys(x), null);
        assertThat(report.accepted()).isFalse();
        assertThat(report.rejectedSteps()).isEqualTo(1);
        assertSamePosterior(before, learner.posterior(), 0.0);
        assertThat(learner.posterior().noiseLogSigma()).isEqualTo(before.noiseLogSigma());
    }

    @Test
    void compatibleSpecChangeAppliesInPlaceIncompatibleIsRefused() {
        OnlineLearner learner = OnlineLearner.create(spec());
        Random r = new Random(5);
        double[][] x = xs(r, 16, 3);
        learner.learn(x, ys(x), null);
        learner.updateSpec(spec().toBuilder().learningRate(0.001).scoreSamples(50).build());
        assertThat(learner.spec().learningRate()).isEqualTo(0.001);
        assertThat(learner.learn(x, ys(x), null).updates()).isEqualTo(2);
        assertThatThrownBy(() -> learner.updateSpec(spec().toBuilder().hidden(9).build()))
                .hasMessageContaining("hidden layers changed from [8] to [9]");
    }

    @Test
    void posteriorBecomesTheTemperedPriorEveryWindow() {
        ModelSpec s = spec().toBuilder().streaming(StreamingMode.POSTERIOR_AS_PRIOR, 64, 4.0).build();
        OnlineLearner learner = OnlineLearner.create(s);
        Random r = new Random(6);
        for (int i = 0; i < 4; i++) {
            double[][] x = xs(r, 16, 3);
            learner.learn(x, ys(x), null);
        }
        // 64 records: the prior is now the posterior with its variance multiplied by 4.
        GaussianPrior prior = (GaussianPrior) learner.prior();
        LearnerState state = learner.state();
        assertThat(state.recordsSincePriorRefresh()).isZero();
        float[] mu = state.posterior().layers().get(0).weightMu();
        float[] rho = state.posterior().layers().get(0).weightRho();
        for (int i = 0; i < mu.length; i++) {
            assertThat(prior.mean(i)).isCloseTo(mu[i], org.assertj.core.data.Offset.offset(1e-6));
            double sigma = Math.log1p(Math.exp(rho[i]));
            assertThat(prior.sigma(i)).isCloseTo(2 * sigma, org.assertj.core.data.Offset.offset(1e-6));
        }
        OnlineLearner restored = OnlineLearner.restore(state);
        assertThat(((GaussianPrior) restored.prior()).mean(0)).isCloseTo(prior.mean(0), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void mopedStartsFromTheDeterministicWeights() {
        ModelSpec s = ClassicSpecs.regression("moped", 2).hidden(3).build();
        double[][] w0 = {{0.5, -1, 0.25}, {2, 0, -0.5}};
        double[] b0 = {0.1, 0.2, 0.3};
        double[][] w1 = {{1}, {-1}, {0.5}};
        double[] b1 = {0.7};
        OnlineLearner learner = OnlineLearner.fromDeterministic(s, List.of(w0, w1), List.of(b0, b1), 0.1);
        LayerPosterior first = learner.posterior().layers().get(0);
        assertThat(first.weightMu()[1]).isEqualTo(-1f);
        assertThat(Math.log1p(Math.exp(first.weightRho()[0]))).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        GaussianPrior prior = (GaussianPrior) learner.prior();
        assertThat(prior.mean(0)).isEqualTo(0.5);
        assertThat(prior.sigma(0)).isEqualTo(1.0);
        assertThat(learner.state().priorMean()).isNotNull();
    }
}
