package io.credence.bench.eval;

import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.spec.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UciEvaluationTest {
    /**
     * The product default with one hidden layer: these tests check the evaluation's protocol and units, not the
     * default's quality (the benchmark measures that); one layer learns the linear fixture in a few seconds.
     */
    private static final ModelSpec ONE_LAYER = EvalDefaults.spec(2).toBuilder().network(n -> n.withHidden(List.of(50)))
            .build();

    @Test
    void learnsALinearTargetToItsNoiseLevelInOriginalUnitsFromOnePass(@TempDir Path dir) throws Exception {
        UciDataset d = UciDataset.load(UciFixture.write(dir.resolve("lin"), 250, 2, 3));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EvalResult r = UciEvaluation.run(d, new EvalOptions(2, 1, ONE_LAYER, 5, false), new PrintStream(log));
        assertThat(r.splits()).isEqualTo(2);
        assertThat(r.passes()).isEqualTo(1);
        assertThat(r.perSplit()).hasSize(2);
        // One pass of 200 rows in batches of 32 (7 updates), then rehearsal: 1,600 examples per row in steps of 32.
        assertThat(r.perSplit()).allSatisfy(s -> assertThat(s.updates()).isEqualTo(7 + 200 * 1600 / 32));
        // Target std is about 5; a fitted model's error approaches the noise (0.2), far below the 5 of predicting the mean.
        assertThat(r.rmseMean()).isLessThan(0.3);
        // Gaussian log density at noise 0.2 is about 0.69; the predictive is wider while the weights are uncertain
        // (0.04 with seed 5), still far above the -2.6 of a predictive as wide as the target.
        assertThat(r.llMean()).isGreaterThan(-0.3);
        assertThat(r.coverage90()).isBetween(0.75, 1.0);
        assertThat(r.spec().path("features").asInt()).isEqualTo(2);
        assertThat(r.spec().path("effectiveDataSize").asLong()).isEqualTo(200);
        assertThat(log.toString()).contains("lin split  0").contains("lin split  1");
    }

    @Test
    void theStreamSendsTheRowsInTheSplitsOrderOncePerPass() {
        assertThat(UciEvaluation.streamOrder(4, 1)).containsExactly(0, 1, 2, 3);
        assertThat(UciEvaluation.streamOrder(3, 3)).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2);
    }

    @Test
    void theStandardisationCheckCatchesRowsTheLearnerNeverSaw(@TempDir Path dir) throws Exception {
        UciDataset.Split s = UciDataset.load(UciFixture.write(dir.resolve("lin"), 100, 1, 3)).split(0);
        ModelSpec spec = UciEvaluation.splitSpec(ONE_LAYER, "lin", 2, s.trainX().length, 1);
        OnlineLearner learner = UciEvaluation.train(spec, s, 2);
        UciEvaluation.checkStandardisedOnTrainingRows(learner, s.trainX(), s.trainY());
        double[][] withTest = concat(s.trainX(), s.testX());
        double[] yWithTest = concat(s.trainY(), s.testY());
        assertThatThrownBy(() -> UciEvaluation.checkStandardisedOnTrainingRows(learner, withTest, yWithTest))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training rows give");
    }

    @Test
    void standardErrorIsTheSampleStdOverRootK() {
        List<SplitResult> splits = List.of(new SplitResult(0, 1, -1, 0.9, 1, 10, 2, 100), new SplitResult(1, 3, -2, 1.0, 2, 10, 2, 100));
        EvalResult r = EvalResult.of("x", "in-process", 5, false, null, splits);
        assertThat(r.rmseMean()).isEqualTo(2);
        assertThat(r.rmseSe()).isCloseTo(Math.sqrt(2) / Math.sqrt(2), within(1e-12));
        assertThat(r.llMean()).isEqualTo(-1.5);
        assertThat(r.llSe()).isCloseTo(Math.sqrt(0.5) / Math.sqrt(2), within(1e-12));
        assertThat(r.coverage90()).isCloseTo(0.95, within(1e-12));
        assertThat(r.seconds()).isEqualTo(3);
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
