package io.credence.bench.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoakVerdictTest {
    private static final SoakOptions OPTIONS = SoakOptions.of(2, Path.of("out")); // 2 MiB/min, lag 5 s x 200/s = 1000

    /** 120 one-second samples; RSS = base + slope per minute; lag constant. */
    private static List<SoakSample> samples(double trainerRssPerMinute, double scorerLivePerMinute, long lag) {
        List<SoakSample> s = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            double minutes = i / 60.0;
            s.add(new SoakSample(i, 400 + trainerRssPerMinute * minutes, 500, 30, 40 + scorerLivePerMinute * minutes, 256, 256,
                    lag, 10, 200, 80, 150, 200L * i, 200L * i));
        }
        return s;
    }

    @Test
    void slopeOfALineIsItsGradientPerMinute() {
        List<SoakSample> s = samples(6.0, 0, 0);
        assertThat(SoakVerdict.slopePerMinute(s, SoakSample::trainerRssMib)).isCloseTo(6.0, within(1e-9));
        assertThat(SoakVerdict.slopePerMinute(s, SoakSample::scorerRssMib)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void flatMemoryAndBoundedLagPass() {
        SoakVerdict v = SoakVerdict.of(samples(0.5, 0.5, 900), OPTIONS);
        assertThat(v.passed()).isTrue();
        assertThat(v.checks()).hasSize(6).allMatch(c -> c.startsWith("ok"));
    }

    @Test
    void growingResidentMemoryFails() {
        SoakVerdict v = SoakVerdict.of(samples(3.0, 0, 0), OPTIONS);
        assertThat(v.passed()).isFalse();
        assertThat(v.trainerRssSlope()).isCloseTo(3.0, within(1e-9));
        assertThat(v.checks()).anyMatch(c -> c.startsWith("FAIL trainer RSS slope"));
    }

    @Test
    void growingLiveHeapFailsEvenWithFlatResidentMemory() {
        SoakVerdict v = SoakVerdict.of(samples(0, 2.5, 0), OPTIONS);
        assertThat(v.passed()).isFalse();
        assertThat(v.checks()).anyMatch(c -> c.startsWith("FAIL scorer live-heap slope"));
    }

    @Test
    void lagBeyondTheLimitFails() {
        SoakVerdict v = SoakVerdict.of(samples(0, 0, 1001), OPTIONS);
        assertThat(v.passed()).isFalse();
        assertThat(v.trainerLagMax()).isEqualTo(1001);
    }

    @Test
    void onlyTheSecondHalfCounts() {
        List<SoakSample> s = samples(0, 0, 0);
        for (int i = 0; i < 60; i++) { // a warm-up climb in the first half
            SoakSample o = s.get(i);
            s.set(i, new SoakSample(o.seconds(), 100 + 5 * i, o.scorerRssMib(), o.trainerLiveMib(), o.scorerLiveMib(), 256, 256,
                    5000, o.scorerLag(), o.predictions(), o.latencyP50Ms(), o.latencyP99Ms(), o.labeledSent(), o.featuresSent()));
        }
        assertThat(SoakVerdict.of(s, OPTIONS).passed()).isTrue();
    }

    @Test
    void noGarbageCollectionInTheWindowFailsTheLiveHeapCheck() {
        List<SoakSample> s = samples(0, 0, 0).stream().map(o -> new SoakSample(o.seconds(), o.trainerRssMib(), o.scorerRssMib(),
                Double.NaN, o.scorerLiveMib(), Double.NaN, 256, 0, 0, 1, 1, 1, 1, 1)).toList();
        SoakVerdict v = SoakVerdict.of(s, OPTIONS);
        assertThat(v.trainerLiveSlope()).isNaN();
        assertThat(v.passed()).isFalse();
    }
}
