package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.spec.DeterministicWeights;
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
        return ClassicSpecs.regression("m", 3).network(n -> n.withHidden(8)).optimiser(o -> o.withBatchSize(16)).seed(9).variational(v -> v.withEstimator(Estimator.FLIPOUT)).build();
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
        ModelSpec wild = spec().toBuilder().optimiser(o -> o.withLearningRate(1e300).withClipNorm(0)).build();
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
        ModelSpec wild = spec().toBuilder().optimiser(o -> o.withLearningRate(1e40).withClipNorm(0)).build();
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
        learner.updateSpec(spec().toBuilder().optimiser(o -> o.withLearningRate(0.001)).scoring(sc -> sc.withScoreSamples(50)).build());
        assertThat(learner.spec().optimiser().learningRate()).isEqualTo(0.001);
        assertThat(learner.learn(x, ys(x), null).updates()).isEqualTo(2);
        assertThatThrownBy(() -> learner.updateSpec(spec().toBuilder().network(n -> n.withHidden(9)).build()))
                .hasMessageContaining("hidden layers changed from [8] to [9]");
    }

    @Test
    void posteriorBecomesTheTemperedPriorEveryWindow() {
        ModelSpec s = spec().toBuilder().streaming(st -> st.withStreaming(StreamingMode.POSTERIOR_AS_PRIOR, 64, 4.0)).build();
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
        double[][] w0 = {{0.5, 2}, {-1, 0}, {0.25, -0.5}}; // [out][in], as torch.nn.Linear holds it
        double[] b0 = {0.1, 0.2, 0.3};
        double[][] w1 = {{1, -1, 0.5}};
        double[] b1 = {0.7};
        DeterministicWeights weights = new DeterministicWeights(List.of(w0, w1), List.of(b0, b1), 0.1,
                new double[] {0, 0}, new double[] {1, 1}, 0, 1);
        ModelSpec s = ClassicSpecs.regression("moped", 2).network(n -> n.withHidden(3)).fromWeights(weights).build();
        OnlineLearner learner = OnlineLearner.create(s);
        LayerPosterior first = learner.posterior().layers().get(0);
        assertThat(first.weightMu()[1]).isEqualTo(-1f); // in 0 -> out 1 in the core's [in][out] layout
        assertThat(Math.log1p(Math.exp(first.weightRho()[0]))).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        GaussianPrior prior = (GaussianPrior) learner.prior();
        assertThat(prior.mean(0)).isEqualTo(0.5);
        assertThat(prior.sigma(0)).isEqualTo(1.0);
        assertThat(learner.state().priorMean()).isNotNull();
        assertThat(learner.spec().fromWeights()).as("the learner's own spec drops the weights").isNull();
    }

    /**
     * Before any update, a network started from trained weights predicts what the deterministic network computes on
     * raw inputs: exactly in expectation for a linear model, within Monte Carlo error and the small bias a ReLU adds
     * to E[f(w)] when w spreads by delta for an MLP; and learning does not move the scaling it was trained with.
     */
    @Test
    void aNetworkStartedFromWeightsPredictsWhatItComputedOnRawInputs() {
        double[] inMean = {100, -3}, inScale = {20, 0.5};
        double tMean = 50, tScale = 8;
        Random random = new Random(17);
        double[][] x = new double[40][];
        for (int i = 0; i < x.length; i++) x[i] = new double[] {100 + 30 * random.nextGaussian(), -3 + random.nextGaussian()};

        // Bayesian linear regression from a linear model.
        DeterministicWeights linear = new DeterministicWeights(List.<double[][]>of(new double[][] {{0.8, -0.4}}), List.of(new double[] {0.3}),
                0.05, inMean, inScale, tMean, tScale);
        checkPredictiveMean(ClassicSpecs.regression("moped-linear", 2).network(n -> n.withHidden(List.of())).fromWeights(linear).build(), x, 0);

        // An MLP 2-16-1 with ReLU and random weights.
        double[][] w0 = new double[16][2];
        double[] b0 = new double[16];
        double[][] w1 = new double[1][16];
        for (int o = 0; o < 16; o++) {
            w0[o][0] = random.nextGaussian();
            w0[o][1] = random.nextGaussian();
            b0[o] = 0.1 * random.nextGaussian();
            w1[0][o] = random.nextGaussian() / 4;
        }
        DeterministicWeights mlp = new DeterministicWeights(List.of(w0, w1), List.of(b0, new double[] {0.2}), 0.05,
                inMean, inScale, tMean, tScale);
        ModelSpec spec = ClassicSpecs.regression("moped-mlp", 2).network(n -> n.withHidden(16)).fromWeights(mlp).build();
        checkPredictiveMean(spec, x, 0.02 * tScale);

        // The scaling stays: learning a batch far from it leaves the standardisers where they were.
        OnlineLearner learner = OnlineLearner.create(spec);
        double[][] far = new double[32][];
        double[] labels = new double[32];
        for (int i = 0; i < far.length; i++) {
            far[i] = new double[] {1000 + i, 40};
            labels[i] = 500;
        }
        learner.learn(far, labels, null);
        assertThat(learner.posterior().inputs().mean()[0]).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(learner.posterior().target().mean()[0]).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static void checkPredictiveMean(ModelSpec spec, double[][] x, double bias) {
        DeterministicWeights d = spec.fromWeights();
        int samples = 4000;
        PredictiveSummary[] p = Predictor.of(OnlineLearner.create(spec).posterior(), 5).predict(x, samples);
        for (int i = 0; i < x.length; i++) {
            double[] h = {(x[i][0] - d.inputMean()[0]) / d.inputScale()[0], (x[i][1] - d.inputMean()[1]) / d.inputScale()[1]};
            for (int l = 0; l < d.weights().size(); l++) {
                double[][] w = d.weights().get(l);
                double[] next = new double[w.length];
                for (int o = 0; o < w.length; o++) {
                    next[o] = d.biases().get(l)[o];
                    for (int j = 0; j < h.length; j++) next[o] += w[o][j] * h[j];
                    if (l < d.weights().size() - 1) next[o] = Math.max(0, next[o]);
                }
                h = next;
            }
            double deterministic = d.targetMean() + d.targetScale() * h[0];
            double monteCarlo = 4 * p[i].epistemicStd() / Math.sqrt(samples);
            assertThat(p[i].mean()).as("%s, row %d", spec.modelId(), i).isCloseTo(deterministic,
                    org.assertj.core.data.Offset.offset(monteCarlo + bias));
        }
    }
}
