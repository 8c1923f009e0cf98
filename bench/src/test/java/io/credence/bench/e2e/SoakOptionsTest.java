package io.credence.bench.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakOptionsTest {

    @Test
    void minutesFirstThenOverrides() {
        SoakOptions o = SoakOptions.parse(List.of("10", "--labeled-rate", "500", "--heap", "512m", "--lag-limit", "2"));
        assertThat(o.minutes()).isEqualTo(10);
        assertThat(o.labeledRate()).isEqualTo(500);
        assertThat(o.featureRate()).isEqualTo(200);
        assertThat(o.heap()).isEqualTo("512m");
        assertThat(o.trainerLagLimit()).isEqualTo(1000);
        assertThat(o.scorerLagLimit()).isEqualTo(400);
        assertThat(o.out()).isEqualTo(Path.of("docs", "soak"));
    }

    @Test
    void theRecordedArgumentsReproduceTheOptions() {
        SoakOptions o = SoakOptions.parse(List.of("1.5", "--models", "3", "--out", "/tmp/x", "--seed", "9"));
        assertThat(SoakOptions.parse(Arrays.asList(o.asArguments().split(" ")))).isEqualTo(o);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SoakOptions.parse(List.of())).hasMessageContaining("minutes");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--models", "3"))).hasMessageContaining("minutes");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("0"))).hasMessageContaining("minutes must be > 0");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("1", "--rate", "3"))).hasMessageContaining("--rate");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("1", "--models"))).hasMessageContaining("needs a value");
    }
}
