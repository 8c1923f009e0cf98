package io.credence.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FigureTest {

    @Test
    void medianOfOddAndEvenSamples() {
        assertThat(Sample.of(3, 1, 2).median()).isEqualTo(2);
        assertThat(Sample.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(Sample.of(4, 1, 3, 2).min()).isEqualTo(1);
        assertThat(Sample.of(4, 1, 3, 2).max()).isEqualTo(4);
    }

    @Test
    void theRatioPairsEachRepetitionWithTheReferenceRunBesideIt() {
        // The machine slowed down in repetition 2 for both: paired ratios stay at 2.
        Figure f = Figure.against("x", Sample.of(200, 100, 210), Sample.of(100, 50, 105), "examples/s", 1.0, "note");
        assertThat(f.value()).isEqualTo(200);
        assertThat(f.reference()).isEqualTo(100);
        assertThat(f.ratio()).isCloseTo(2.0, within(1e-12));
        assertThat(f.ratioLow()).isCloseTo(2.0, within(1e-12));
        assertThat(f.ratioHigh()).isCloseTo(2.0, within(1e-12));
        assertThat(f.meetsTarget()).isTrue();
    }

    @Test
    void aFigureBelowItsTargetMissesIt() {
        Figure f = Figure.against("x", Sample.of(90), Sample.of(100), "examples/s", 1.0, "note");
        assertThat(f.ratio()).isCloseTo(0.9, within(1e-12));
        assertThat(f.meetsTarget()).isFalse();
        assertThat(Figure.alone("y", Sample.of(5), "examples/s", "n").meetsTarget()).isTrue();
    }
}
