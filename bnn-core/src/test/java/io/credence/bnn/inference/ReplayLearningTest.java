package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.data.Standardizer;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rehearsal from the replay window: a stream seen once plus rehearsal reaches the posterior that many passes reach,
 * rehearsed examples are never new evidence, the budget stops it, and it is deterministic across a checkpoint.
 */
class ReplayLearningTest {
    private static final int SEED = 19;

    /** y = x1 - 0.5 x2 + 0.3 + N(0, 0.5^2), n rows. */
    private static double[][] inputs(int n, Random r) {
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = r.nextGaussian();
            row[1] = r.nextGaussian();
        }
        return x;
    }

    private static double[] labels(double[][] x, Random r) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i][0] - 0.5 * x[i][1] + 0.3 + 0.5 * r.nextGaussian();
        return y;
    }

    private static void learnOnce(OnlineLearner learner, double[][] x, double[] y) {
        int b = learner.spec().optimiser().batchSize();
        for (int start = 0; start < x.length; start += b) {
            int end = Math.min(x.length, start + b);
            learner.learn(java.util.Arrays.copyOfRange(x, start, end), java.util.Arrays.copyOfRange(y, start, end), null);
        }
    }

    private static int rehearseToTheEnd(OnlineLearner learner) {
        int steps = 0;
        while (learner.replay()) steps++;
        return steps;
    }

    /**
     * Bayesian linear regression with a known noise has a closed-form posterior; in the learner's standardised units
     * (the standardisers hold every row once the pass is over) the mean-field optimum has its means and 1 /
     * sqrt(Lambda_ii) as stds. One pass alone is far from it; one pass then rehearsal until the budget is spent finds
     * it.
     */
    @Test
    void oneStreamedPassWithRehearsalRecoversTheClosedFormPosterior() {
        int n = 300;
        double noise = 0.5; // standardised target units
        Random r = new Random(SEED);
        double[][] x = inputs(n, r);
        double[] y = labels(x, r);
        ModelSpec spec = ClassicSpecs.regression("blr", 2).network(net -> net.withHidden())
                .likelihood(l -> l.withNoise(NoiseModel.FIXED, noise))
                .variational(v -> v.withPrior(new PriorSpec.Gaussian(0, 1)).withTrainSamples(4).withRhoInit(-3))
                .optimiser(o -> o.withAveragingDecay(0.999))
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, n, 1).withReplay(n, 0, 3000))
                .seed(SEED).build();

        OnlineLearner once = OnlineLearner.create(spec.toBuilder().streaming(s -> s.withReplay(0, 0, 0)).build());
        learnOnce(once, x, y);
        OnlineLearner rehearsed = OnlineLearner.create(spec);
        learnOnce(rehearsed, x, y);
        assertThat(rehearseToTheEnd(rehearsed)).isEqualTo((int) Math.ceil(3000.0 * n / spec.optimiser().batchSize()));

        double[] exactMean = new double[3], exactStd = new double[3];
        closedForm(rehearsed.posterior(), x, y, noise, exactMean, exactStd);

        double[] mu = flatMeans(rehearsed.posterior()), sigma = flatStds(rehearsed.posterior());
        double[] muOnce = flatMeans(once.posterior());
        double worstOnce = 0;
        for (int k = 0; k < 3; k++) {
            assertThat(Math.abs(mu[k] - exactMean[k]) / exactStd[k]).as("mean %d: %s vs closed form %s", k, mu[k], exactMean[k])
                    .isLessThan(0.3);
            assertThat(sigma[k] / exactStd[k]).as("std %d: %s vs closed form %s", k, sigma[k], exactStd[k]).isBetween(0.8, 1.25);
            worstOnce = Math.max(worstOnce, Math.abs(muOnce[k] - exactMean[k]) / exactStd[k]);
        }
        assertThat(worstOnce).as("one pass without rehearsal is far from the posterior").isGreaterThan(2);
    }

    @Test
    void rehearsedExamplesAreNotNewEvidenceAndTheBudgetStopsRehearsal() {
        Random r = new Random(SEED);
        double[][] x = inputs(100, r);
        double[] y = labels(x, r);
        ModelSpec spec = ClassicSpecs.regression("budget", 2).network(n -> n.withHidden(8))
                .optimiser(o -> o.withBatchSize(10)).streaming(s -> s.withReplay(1000, 2, 5)).seed(SEED).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        learnOnce(learner, x, y);
        // 10 batches, each followed by 2 rehearsal steps; 5 examples per record allow 50 steps of 10 in all.
        assertThat(learner.updates()).isEqualTo(10 + 20);
        long prequentialCount = (long) learner.state().prequential()[0];
        int idle = rehearseToTheEnd(learner);
        assertThat(idle).isEqualTo(50 - 20);
        assertThat(learner.replay()).isFalse();
        assertThat(learner.canReplay()).isFalse();
        assertThat(learner.recordsSeen()).isEqualTo(100);
        assertThat(learner.updates()).isEqualTo(10 + 50);
        assertThat((long) learner.state().prequential()[0]).isEqualTo(prequentialCount);
        // A new record earns new budget, which the batch's own rehearsal steps spend at once: one of them.
        learner.learn(new double[][] {{0, 0}}, new double[] {0.3}, null);
        assertThat(learner.updates()).isEqualTo(10 + 50 + 1 + 1);
    }

    @Test
    void theWindowKeepsTheMostRecentRecordsUpToTheEffectiveDataSize() {
        Random r = new Random(SEED);
        double[][] x = inputs(100, r);
        double[] y = labels(x, r);
        ModelSpec spec = ClassicSpecs.regression("window", 2).network(n -> n.withHidden(4))
                .optimiser(o -> o.withBatchSize(10))
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, 30, 1).withReplay(1000, 0, 1))
                .seed(SEED).build();
        assertThat(spec.streaming().replayCapacity()).isEqualTo(30);
        OnlineLearner learner = OnlineLearner.create(spec);
        learnOnce(learner, x, y);
        List<ReplayWindow.Example> kept = learner.replayWindow().since(0);
        assertThat(kept).hasSize(30);
        assertThat(kept.get(0).ordinal()).isEqualTo(70);
        assertThat(kept.get(0).features()).isEqualTo(x[70]);
        assertThat(kept.get(29).label()).isEqualTo(y[99]);
        // The budget is capped at budget x capacity: 30 examples, 3 steps of 10.
        assertThat(rehearseToTheEnd(learner)).isEqualTo(3);
    }

    @Test
    void aRestoredLearnerRehearsesExactlyAsTheOriginal() {
        Random r = new Random(SEED);
        double[][] x = inputs(120, r);
        double[] y = labels(x, r);
        ModelSpec spec = ClassicSpecs.regression("restore", 2).network(n -> n.withHidden(8))
                .optimiser(o -> o.withBatchSize(16)).streaming(s -> s.withReplay(50, 1, 20))
                .optimiser(o -> o.withAveragingDecay(0.99))
                .seed(SEED).build();
        OnlineLearner original = OnlineLearner.create(spec);
        learnOnce(original, java.util.Arrays.copyOf(x, 64), java.util.Arrays.copyOf(y, 64));
        for (int i = 0; i < 7; i++) original.replay();

        LearnerState state = original.state();
        assertThat(state.replayWindow()).as("a checkpoint leaves the window out").isEmpty();
        // What a trainer's store gives back: the window's examples in any order.
        List<ReplayWindow.Example> shuffled = new java.util.ArrayList<>(original.replayWindow().since(0));
        java.util.Collections.reverse(shuffled);
        OnlineLearner restored = OnlineLearner.restore(state.withReplayWindow(shuffled));
        for (OnlineLearner l : List.of(original, restored)) {
            learnOnce(l, java.util.Arrays.copyOfRange(x, 64, 120), java.util.Arrays.copyOfRange(y, 64, 120));
            rehearseToTheEnd(l);
        }
        // The checkpoint stores float32 parameters, so the continuation agrees to float precision, not bit for bit;
        // the rehearsal draws themselves are identical, or the posteriors would be far apart.
        OnlineLearnerTest.assertSamePosterior(restored.posterior(), original.posterior(), 1e-4);
        assertThat(restored.updates()).isEqualTo(original.updates());
        assertThat(restored.replayCredit()).isEqualTo(original.replayCredit());
    }

    @Test
    void posteriorAsPriorRehearsesOnlyTheRecordsSinceTheLastRefresh() {
        Random r = new Random(SEED);
        double[][] x = inputs(50, r);
        double[] y = labels(x, r);
        ModelSpec spec = ClassicSpecs.regression("vcl", 2).network(n -> n.withHidden(4))
                .optimiser(o -> o.withBatchSize(10))
                .streaming(s -> s.withStreaming(StreamingMode.POSTERIOR_AS_PRIOR, 40, 1).withReplay(1000, 0, 100))
                .seed(SEED).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        learnOnce(learner, java.util.Arrays.copyOf(x, 40), java.util.Arrays.copyOf(y, 40));
        // The prior was just refreshed: the 40 records are in it, nothing is left to rehearse, and the allowance they
        // earned lapses (a trainer shows rehearsal as stopped).
        assertThat(learner.canReplay()).isFalse();
        assertThat(learner.replayCredit()).isZero();
        learnOnce(learner, java.util.Arrays.copyOfRange(x, 40, 50), java.util.Arrays.copyOfRange(y, 40, 50));
        assertThat(learner.canReplay()).isTrue();
    }

    @Test
    void aWindowRestoredWithAGapIsRefused() {
        var a = new ReplayWindow.Example(3, new double[] {1}, 0, 1);
        var b = new ReplayWindow.Example(5, new double[] {1}, 0, 1);
        assertThatThrownBy(() -> ReplayWindow.restore(10, List.of(a, b))).hasMessageContaining("gap between ordinals 3 and 5");
        assertThatThrownBy(() -> ReplayWindow.restore(1, List.of(a, b))).hasMessageContaining("capacity 1 restored with 2");
    }

    /** Closed-form means and stds of (w1, w2, b) in the standardised units of {@code p}. */
    private static void closedForm(Posterior p, double[][] x, double[] y, double noise, double[] mean, double[] std) {
        Standardizer in = new Standardizer(p.inputs()), out = new Standardizer(p.target());
        double[][] lambda = new double[3][3];
        double[] xty = new double[3];
        for (int i = 0; i < x.length; i++) {
            double[] z = in.transform(x[i]);
            double t = (y[i] - out.mean(0)) / out.std(0);
            double[] f = {z[0], z[1], 1};
            for (int a = 0; a < 3; a++) {
                xty[a] += f[a] * t / (noise * noise);
                for (int c = 0; c < 3; c++) lambda[a][c] += f[a] * f[c] / (noise * noise);
            }
        }
        for (int a = 0; a < 3; a++) lambda[a][a] += 1;
        double[] m = BayesianLinearRegressionTest.solve(lambda, xty);
        for (int k = 0; k < 3; k++) {
            mean[k] = m[k];
            std[k] = 1 / Math.sqrt(lambda[k][k]);
        }
    }

    private static double[] flatMeans(Posterior p) {
        LayerPosterior l = p.layers().get(0);
        return new double[] {l.weightMu()[0], l.weightMu()[1], l.biasMu()[0]};
    }

    private static double[] flatStds(Posterior p) {
        LayerPosterior l = p.layers().get(0);
        return new double[] {Softplus.value(l.weightRho()[0]), Softplus.value(l.weightRho()[1]), Softplus.value(l.biasRho()[0])};
    }
}
