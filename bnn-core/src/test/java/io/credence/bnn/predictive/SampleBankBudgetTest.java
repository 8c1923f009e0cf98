package io.credence.bnn.predictive;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.model.Posterior;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleBankBudgetTest {

    private static final Posterior FIRST = PredictorTest.trained(ClassicSpecs.regression("a", 2).network(n -> n.withHidden(16, 16)).build());
    private static final Posterior SECOND = PredictorTest.trained(ClassicSpecs.regression("b", 2).network(n -> n.withHidden(16, 16)).build());
    private static final double[][] ROWS = PredictorTest.grid(5);

    /** The bytes of one model's bank of {@code samples} draws. */
    private static long bankBytes(int samples) {
        SampleBankBudget unbounded = new SampleBankBudget(Long.MAX_VALUE - 1);
        Predictor.of(FIRST, 1, unbounded).predict(ROWS, samples);
        return unbounded.bytes();
    }

    @Test
    void aBankCountsTheFloatsOfItsDraws() {
        // Layers after the first: (16 + 1) x 16 + (16 + 1) x 1 weights and biases, and 16 first-layer normals, float32
        // per draw; rows padded to the kernel's vector lanes, with array headers, take more, by a fixed amount per draw.
        long perDraw = ((17L * 16 + 17) + 16) * Float.BYTES;
        long perDrawHeld = bankBytes(200) - bankBytes(100);
        assertThat(perDrawHeld).isEqualTo(bankBytes(300) - bankBytes(200)).isBetween(100 * perDraw, 100 * perDraw * 4);
        assertThat(bankBytes(100)).isGreaterThan(perDrawHeld);
    }

    @Test
    void overTheBoundTheLeastRecentlyUsedBankGoesAndComesBackIdentical() {
        SampleBankBudget budget = new SampleBankBudget(bankBytes(100) * 3 / 2); // room for one bank of 100 draws
        Predictor first = Predictor.of(FIRST, 7, budget);
        Predictor second = Predictor.of(SECOND, 8, budget);

        PredictiveSummary[] before = first.predict(ROWS, 100);
        assertThat(budget.bytes()).isEqualTo(bankBytes(100));
        second.predict(ROWS, 100);
        assertThat(budget.dropped()).isEqualTo(1);
        assertThat(budget.bytes()).isEqualTo(bankBytes(100));
        PredictiveSummary[] after = first.predict(ROWS, 100); // drawn again

        assertThat(budget.dropped()).isEqualTo(2);
        for (int i = 0; i < ROWS.length; i++) {
            assertThat(after[i].mean()).isEqualTo(before[i].mean());
            assertThat(after[i].std()).isEqualTo(before[i].std());
        }
    }

    @Test
    void aBankLargerThanTheBoundStillScoresAloneAndAReleasedPredictorFreesItsBanks() {
        SampleBankBudget budget = new SampleBankBudget(1);
        Predictor first = Predictor.of(FIRST, 7, budget);
        Predictor second = Predictor.of(SECOND, 8, budget);
        first.predict(ROWS, 50);
        second.predict(ROWS, 50);

        assertThat(budget.bytes()).isEqualTo(bankBytes(50));
        budget.release(second);
        assertThat(budget.bytes()).isZero();
        assertThatThrownBy(() -> new SampleBankBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutABudgetNothingIsTracked() {
        Predictor.of(FIRST, 7).predict(ROWS, 100);
        assertThat(SampleBankBudget.NONE.bytes()).isZero();
    }
}
