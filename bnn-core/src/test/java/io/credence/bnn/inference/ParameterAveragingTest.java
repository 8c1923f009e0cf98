package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.model.ParameterVector;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.optim.ParameterAverage;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.credence.bnn.inference.OnlineLearnerTest.assertSamePosterior;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Polyak averaging (spec averagingDecay): what a learner publishes is the moving average of its parameters, training is
 * untouched, checkpoints carry the average, and the published predictions stop following Adam's jitter.
 */
class ParameterAveragingTest {
    private static final long SEED = 31;
    private static final int BATCH = 16;
    /** 21 inputs evenly spaced over [-1.8, 1.8], inside the training range, and sin(2x) at each. */
    private static final double[][] GRID = new double[21][1];
    private static final double[] TRUTH = new double[GRID.length];

    static {
        for (int i = 0; i < GRID.length; i++) {
            GRID[i][0] = -1.8 + 0.18 * i;
            TRUTH[i] = Math.sin(2 * GRID[i][0]);
        }
    }

    private static ModelSpec spec(double decay) {
        return ClassicSpecs.regression("avg", 1).network(n -> n.withHidden(16))
                .optimiser(o -> o.withBatchSize(BATCH).withLearningRate(0.03)
                        .withAveragingDecay(decay)).seed(SEED).build();
    }

    /** A batch of y = sin(2x) + N(0, 0.1^2), x ~ U(-2, 2). */
    private static double[][] batch(Random r, double[] labels) {
        double[][] x = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            x[i][0] = 4 * r.nextDouble() - 2;
            labels[i] = Math.sin(2 * x[i][0]) + 0.1 * r.nextGaussian();
        }
        return x;
    }

    /** A learner with this averaging decay after {@code updates} batches drawn from {@code data}. */
    private static OnlineLearner trained(double decay, Random data, int updates) {
        OnlineLearner learner = OnlineLearner.create(spec(decay));
        double[] y = new double[BATCH];
        for (int u = 0; u < updates; u++) learner.learn(batch(data, y), y, null);
        return learner;
    }

    @Test
    void theAverageFollowsItsRecurrenceFromTheFirstUpdateWithAWarmUpDecay() {
        ParameterAverage average = new ParameterAverage(0.75);
        assertThat(average.parameters()).isNull();
        average.update(new ParameterVector(new double[] {4}, new double[] {-4}, new double[] {8}), 1);
        // Second update: d = min(0.75, (1 + 2) / (10 + 2)) = 0.25.
        average.update(new ParameterVector(new double[] {0}, new double[] {0}, new double[] {0}), 2);
        assertThat(average.parameters().mu[0]).isEqualTo(1.0);
        assertThat(average.parameters().rho[0]).isEqualTo(-1.0);
        assertThat(average.parameters().likelihood[0]).isEqualTo(2.0);
        // From update 26 on, (1 + n) / (10 + n) >= 0.75: the decay itself applies.
        average.update(new ParameterVector(new double[] {5}, new double[] {3}, new double[] {-2}), 30);
        assertThat(average.parameters().mu[0]).isEqualTo(2.0);
        assertThat(average.parameters().rho[0]).isEqualTo(0.0);
        assertThat(average.parameters().likelihood[0]).isEqualTo(1.0);
    }

    @Test
    void aYoungLearnersAverageIsNotHeldBackByItsUntrainedStart() {
        OnlineLearner learner = trained(0.999, new Random(5), 300);
        double live = rmse(learner.state().posterior()), averaged = rmse(learner.posterior());
        // After 300 of a 1,000-update average the plain moving average would still weigh the first update's parameters
        // by 0.999^299 = 0.74; warmed up, the average spans about the last 30 updates and fits as well as the live
        // parameters (seed 31, data seed 5: RMSE to sin(2x) 0.035 against 0.077 live; 0.81 without the warm-up).
        assertThat(averaged).as("RMSE to sin(2x) of the average %s vs the live parameters %s", averaged, live)
                .isLessThan(1.25 * live);
    }

    /** The predicted mean's RMSE to sin(2x) over {@link #GRID}. */
    private static double rmse(Posterior posterior) {
        PredictiveSummary[] p = Predictor.of(posterior, SEED).predict(GRID, 200);
        double squaredError = 0;
        for (int i = 0; i < GRID.length; i++) squaredError += (p[i].mean() - TRUTH[i]) * (p[i].mean() - TRUTH[i]);
        return Math.sqrt(squaredError / GRID.length);
    }

    @Test
    void averagingChangesWhatIsPublishedNotWhatIsTrained() {
        OnlineLearner plain = OnlineLearner.create(spec(0)), averaged = OnlineLearner.create(spec(0.99));
        Random ra = new Random(1), rb = new Random(1);
        double[] ya = new double[BATCH], yb = new double[BATCH];
        for (int u = 0; u < 200; u++) {
            plain.learn(batch(ra, ya), ya, null);
            averaged.learn(batch(rb, yb), yb, null);
        }
        // Same seed, same data: the live parameters (what a checkpoint continues from) agree bit for bit ...
        assertSamePosterior(plain.state().posterior(), averaged.state().posterior(), 0.0);
        assertThat(plain.state().averageParameters()).isNull();
        assertThat(averaged.state().averageParameters()).isNotNull();
        // ... while the published posterior is the average, which differs from the live one.
        assertThat(averaged.posterior().layers().get(0).weightMu()[0])
                .isNotEqualTo(averaged.state().posterior().layers().get(0).weightMu()[0]);
        assertSamePosterior(plain.posterior(), plain.state().posterior(), 0.0);
    }

    @Test
    void aRestoredLearnerContinuesTheAverage() {
        Random r = new Random(2);
        OnlineLearner original = trained(0.9, r, 30);
        OnlineLearner restored = OnlineLearner.restore(original.state());
        double[] y = new double[BATCH];
        for (int u = 0; u < 30; u++) {
            double[][] x = batch(r, y);
            original.learn(x, y, null);
            restored.learn(x, y, null);
        }
        // The checkpoint stores float32 values, so the continuation agrees to float precision.
        assertSamePosterior(original.posterior(), restored.posterior(), 1e-4);
    }

    @Test
    void turningAveragingOffPublishesTheLiveParametersAgain() {
        OnlineLearner learner = trained(0.99, new Random(3), 20);
        learner.updateSpec(spec(0));
        assertSamePosterior(learner.posterior(), learner.state().posterior(), 0.0);
        assertThat(learner.state().averageParameters()).isNull();
    }

    @Test
    void averagedSnapshotsStopFollowingTheOptimisersJitterWithoutFittingWorse() {
        double[] jitter = new double[2], rmse = new double[2];
        double[] decays = {0, 0.99};
        for (int k = 0; k < 2; k++) {
            OnlineLearner learner = OnlineLearner.create(spec(decays[k]));
            Random r = new Random(4);
            double[] y = new double[BATCH];
            double[] previous = null;
            double squaredChange = 0, squaredError = 0;
            int snapshots = 0;
            for (int u = 1; u <= 2000; u++) {
                learner.learn(batch(r, y), y, null);
                if (u < 1000 || u % 50 != 0) continue;
                // The same predictive draws for every snapshot, so only the posterior moves the means.
                PredictiveSummary[] p = Predictor.of(learner.posterior(), SEED).predict(GRID, 200);
                double[] means = new double[GRID.length];
                for (int i = 0; i < GRID.length; i++) {
                    means[i] = p[i].mean();
                    squaredError += (means[i] - TRUTH[i]) * (means[i] - TRUTH[i]);
                    if (previous != null) squaredChange += (means[i] - previous[i]) * (means[i] - previous[i]);
                }
                previous = means;
                snapshots++;
            }
            jitter[k] = Math.sqrt(squaredChange / ((snapshots - 1) * GRID.length));
            rmse[k] = Math.sqrt(squaredError / (snapshots * GRID.length));
        }
        // Seed 31 (spec), data seed 4, Adam at 0.03: the predicted mean moves by about 0.10 between live snapshots 50
        // updates apart and by about 0.006 between averaged ones; the RMSE to sin(2x) drops from about 0.065 to 0.019.
        assertThat(jitter[1]).as("snapshot-to-snapshot change, averaged %s vs live %s", jitter[1], jitter[0])
                .isLessThan(0.25 * jitter[0]);
        assertThat(rmse[1]).as("RMSE to sin(2x), averaged %s vs live %s", rmse[1], rmse[0])
                .isLessThan(0.75 * rmse[0]);
        assertThat(rmse[1]).isCloseTo(0, offset(0.05));
    }
}
