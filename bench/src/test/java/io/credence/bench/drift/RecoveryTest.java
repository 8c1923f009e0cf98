package io.credence.bench.drift;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecoveryTest {
    private static final DriftSetting SETTING = DriftSetting.parse("eds:10000");

    /** 100 batches of 32: NLL 0.0 before record 1600, 2.0 for {@code badBatches} batches after it, then {@code after}. */
    private static NllCurve curve(int badBatches, double after) {
        double[] nll = new double[100];
        for (int b = 0; b < nll.length; b++) nll[b] = b < 50 ? 0.0 : b < 50 + badBatches ? 2.0 : after;
        return new NllCurve(32, nll);
    }

    @Test
    void meansCoverWholeBatchesOfTheRange() {
        NllCurve c = curve(10, 0.0);
        assertThat(c.mean(0, 1600)).isEqualTo(0.0);
        assertThat(c.mean(1600, 1920)).isEqualTo(2.0);
        assertThat(c.mean(1600, 2240)).isEqualTo(1.0);
        assertThat(NllCurve.average(List.of(curve(0, 1.0), curve(0, 3.0))).mean(1600, 3200)).isEqualTo(2.0);
    }

    @Test
    void recoveryIsTheEndOfTheFirstWindowBackWithinTolerance() {
        // Window 320 records = 10 batches; 10 bad batches after the change: the window [1920, 2240) is the first clean one.
        Recovery r = Recovery.of(SETTING, curve(10, 0.05), curve(0, -0.1), 1600, 320, 0.1);
        assertThat(r.preChangeNll()).isEqualTo(0.0);
        assertThat(r.worstNll()).isEqualTo(2.0);
        assertThat(r.recoveryRecords()).isEqualTo(640);
        assertThat(r.fromScratch()).as("the curve starts at the pre-change level").isEqualTo(320);
        assertThat(r.stationaryNll()).isCloseTo(-0.1, within(1e-12));
        assertThat(r.postChangeNll()).isCloseTo((10 * 2.0 + 40 * 0.05) / 50, within(1e-12));
    }

    @Test
    void aWindowPartlyBadStillCountsWhenTheAverageIsWithinTolerance() {
        // One bad batch of 2.0 in a window of 20 batches at 0.0: mean 0.1, just within the tolerance.
        Recovery r = Recovery.of(SETTING, curve(1, 0.0), curve(0, 0.0), 1600, 640, 0.1);
        assertThat(r.recoveryRecords()).isEqualTo(640);
    }

    @Test
    void neverBackWithinToleranceIsNaN() {
        Recovery r = Recovery.of(SETTING, curve(10, 0.5), curve(0, 0.0), 1600, 320, 0.1);
        assertThat(r.recoveryRecords()).isNaN();
    }

    @Test
    void rejectedBatchesAreLeftOut() {
        double[] nll = new double[4];
        Arrays.fill(nll, 1.0);
        nll[1] = Double.NaN;
        assertThat(new NllCurve(32, nll).mean(0, 128)).isEqualTo(1.0);
    }
}
