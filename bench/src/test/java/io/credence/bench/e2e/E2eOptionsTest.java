package io.credence.bench.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class E2eOptionsTest {

    @Test
    void quickIsSmallAndRunsOnlyTheHeadlinesAndLatency() {
        E2eOptions q = E2eOptions.parse(List.of("--quick"));
        assertThat(q.quick()).isTrue();
        assertThat(q.parts()).containsExactlyInAnyOrder(E2ePart.TRAINER, E2ePart.SCORER, E2ePart.LATENCY);
        assertThat(q.warmup()).isFalse();
        assertThat(q.markdown()).isNull();
        assertThat(E2eOptions.parse(List.of()).parts()).isEqualTo(EnumSet.complementOf(EnumSet.of(E2ePart.REGISTRY)));
    }

    @Test
    void theRegistryPartRunsAloneIntoItsOwnSection() {
        E2eOptions alone = E2eOptions.parse(List.of("--only", "registry", "--registry-url", "http://registry:8081"));
        assertThat(alone.registryOnly()).isTrue();
        assertThat(alone.registryUrl()).isEqualTo("http://registry:8081");
        assertThat(alone.asArguments()).contains("--only registry", "--registry-url http://registry:8081");
        assertThat(E2eOptions.parse(List.of("--only", "registry,trainer")).registryOnly()).isFalse();
    }

    @Test
    void optionsOverrideTheBase() {
        E2eOptions o = E2eOptions.parse(List.of("--quick", "--only", "trainer,models", "--models", "1,1000", "--guarantees",
                "eos,at_least_once", "--parallelism", "1x1,6x2", "--timeout", "30", "--no-markdown", "--seed", "7", "--warmup"));
        assertThat(o.parts()).containsExactlyInAnyOrder(E2ePart.TRAINER, E2ePart.MODELS);
        assertThat(o.modelCounts()).containsExactly(1, 1000);
        assertThat(o.guarantees()).containsExactly(Guarantee.EXACTLY_ONCE, Guarantee.AT_LEAST_ONCE);
        assertThat(o.parallelism()).containsExactly(new E2eOptions.Parallelism(1, 1), new E2eOptions.Parallelism(6, 2));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.warmup()).isTrue();
    }

    @Test
    void theRecordedArgumentsReproduceTheOptions() {
        E2eOptions o = E2eOptions.parse(List.of("--only", "scorer,hidden", "--samples", "10,100,1000", "--score-batch", "128",
                "--requests", "99", "--no-warmup"));
        E2eOptions again = E2eOptions.parse(Arrays.asList(o.asArguments().split(" ")));
        assertThat(again.parts()).isEqualTo(o.parts());
        assertThat(again.scoreSamples()).isEqualTo(o.scoreSamples());
        assertThat(again.scoreBatch()).isEqualTo(128);
        assertThat(again.predictRequests()).isEqualTo(99);
        assertThat(again.warmup()).isFalse();
        assertThat(again.asArguments()).isEqualTo(o.asArguments());
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> E2eOptions.parse(List.of("--frobnicate"))).hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> E2eOptions.parse(List.of("--only", "everything"))).hasMessageContaining("unknown part everything");
        assertThatThrownBy(() -> E2eOptions.parse(List.of("--parallelism", "3"))).hasMessageContaining("PARTITIONSxTHREADS");
        assertThatThrownBy(() -> E2eOptions.parse(List.of("--models"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> E2eOptions.parse(List.of("--guarantees", "maybe"))).hasMessageContaining("maybe");
    }
}
