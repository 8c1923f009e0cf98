package io.credence.bench.e2e;

import io.credence.bench.Figure;
import io.credence.bench.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class E2eReportTest {

    private static Figure trainer(String name, double perSecond) {
        return Figure.against(name, Sample.of(perSecond), Sample.of(20_000), "records/s", null, "test");
    }

    @Test
    void theHiddenSweepIsExplainedByAFixedAndAPerUnitCost() {
        // cost(H) = 50 µs + 0.2 µs x H: 60, 90, 152.4 µs per record
        List<Figure> figures = List.of(trainer("trainer.hidden.50.vs_passthrough", 1e6 / 60),
                trainer("trainer.hidden.200.vs_passthrough", 1e6 / 90), trainer("trainer.hidden.512.vs_passthrough", 1e6 / 152.4));
        String growth = E2eReport.growth(figures);
        assertThat(growth).contains("Hidden width (50, 200, 512; batch 256): 60 -> 90 -> 152 µs per record")
                .contains("about 50.0 µs fixed plus 0.200 µs per hidden unit");
        assertThat(growth).doesNotContain("Models").doesNotContain("Partitions");
    }

    @Test
    void theModelsAndParallelismSweepsShowTheirSeries() {
        String growth = E2eReport.growth(List.of(trainer("trainer.models.1.vs_passthrough", 10_000),
                trainer("trainer.models.1000.vs_passthrough", 2_000), trainer("trainer.parallel.p1t1.vs_passthrough", 5_000),
                trainer("trainer.parallel.p3t2.vs_passthrough", 9_000), trainer("scorer.parallel.p1t1.vs_passthrough", 3_000),
                trainer("scorer.parallel.p3t2.vs_passthrough", 5_000)));
        assertThat(growth).contains("Models (1, 1000; batch 32): 100 -> 500 µs per record")
                .contains("Partitions x threads (p1t1, p3t2; 10 models): trainer 5,000 -> 9,000, scorer 3,000 -> 5,000 records/s");
    }

    @Test
    void aConsoleLineShowsTheRatioAndWhetherTheTargetIsMet() {
        Figure met = Figure.against("trainer.eos.vs_passthrough", Sample.of(6_000), Sample.of(10_000), "records/s", 0.5, "t");
        assertThat(E2eReport.line(met)).contains("6,000.00 records/s").contains("0.60x vs 10,000 (target 0.5x: met)");
        Figure alone = Figure.alone("scorer.predict.p99_ms", Sample.of(3.25), "ms", "t");
        assertThat(E2eReport.line(alone)).endsWith("3.25 ms");
    }
}
