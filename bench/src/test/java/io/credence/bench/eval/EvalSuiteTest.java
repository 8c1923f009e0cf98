package io.credence.bench.eval;

import io.credence.bench.BenchCli;
import io.credence.bench.CommandRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalSuiteTest {

    private static EvalSuite command(String... args) {
        return CommandRun.parsed(EvalSuite.class, BenchCli.command("bench uci", args));
    }

    @Test
    void byDefaultEverySetAndSplitInProcess() {
        EvalSuite c = command();
        assertThat(c.root).isEqualTo(Path.of("..", "shared", "data", "uci"));
        assertThat(c.datasets).isEqualTo(UciTuning.DATASETS);
        assertThat(c.options()).isEqualTo(EvalOptions.defaults());
        assertThat(c.streams).isFalse();
        assertThat(c.withReference).isFalse();
        assertThat(c.markdown.or(Path.of("docs", "benchmarks.md"))).isEqualTo(Path.of("docs", "benchmarks.md"));
    }

    @Test
    void everyOptionIsRead() {
        EvalSuite c = command("--root", "data", "--datasets", "yacht,energy", "--splits", "3", "--epochs", "2", "--streams",
                "--reference", "--json", "r.json", "--no-markdown");
        assertThat(c.root).isEqualTo(Path.of("data"));
        assertThat(c.datasets).isEqualTo(List.of("yacht", "energy"));
        assertThat(c.options()).isEqualTo(EvalOptions.defaults().withSplits(3).withPasses(2));
        assertThat(c.streams).isTrue();
        assertThat(c.withReference).isTrue();
        assertThat(c.json).isEqualTo(Path.of("r.json"));
        assertThat(c.markdown.or(Path.of("docs", "benchmarks.md"))).isNull();
    }
}
