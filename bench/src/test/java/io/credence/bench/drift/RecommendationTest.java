package io.credence.bench.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationTest {
    private static final DriftSetting CURRENT = DriftSetting.parse("eds:10000");
    private static final int WINDOW = 512;

    private static Recovery r(String setting, double recovery, double postChange, double stationary) {
        return new Recovery(DriftSetting.parse(setting), 0, 3, recovery, 5000, postChange, stationary);
    }

    @Test
    void theCurrentDefaultStaysWhenItIsAsFastAsTheFastest() {
        var result = DriftBench.recommend(List.of(r("eds:1000", 3000, 0.30, -0.50), r("eds:10000", 3400, 0.35, -0.50),
                r("pap:1000:10", 3000, 0.20, -0.20)), 0.02, WINDOW, CURRENT);
        assertThat(result.recommended()).isEqualTo(CURRENT);
        assertThat(result.reason()).contains("current default");
    }

    @Test
    void aClearlyFasterSettingReplacesTheDefault() {
        var result = DriftBench.recommend(List.of(r("eds:1000", 1000, 0.30, -0.49), r("eds:10000", 3400, 0.35, -0.50),
                r("pap:1000:2", 1200, 0.25, -0.495)), 0.02, WINDOW, CURRENT);
        assertThat(result.recommended()).as("ties within a window: the lowest NLL after the change").isEqualTo(DriftSetting.parse("pap:1000:2"));
        assertThat(result.reason()).contains("1,200 records").contains("eds:10000 is slower to recover");
    }

    @Test
    void aSettingThatHurtsTheStationaryStreamIsNeverRecommended() {
        var result = DriftBench.recommend(List.of(r("pap:1000:10", 600, 0.10, -0.30), r("eds:10000", 3400, 0.35, -0.50)),
                0.02, WINDOW, CURRENT);
        assertThat(result.recommended()).isEqualTo(CURRENT);
    }

    @Test
    void whenNothingRecoversTheLowestNllAfterTheChangeWins() {
        var result = DriftBench.recommend(List.of(r("eds:1000", Double.NaN, 0.9, -0.5), r("eds:10000", Double.NaN, 0.8, -0.5)),
                0.02, WINDOW, CURRENT);
        assertThat(result.recommended()).isEqualTo(CURRENT);
        assertThat(result.reason()).contains("no setting");
    }
}
