package io.credence.bench.e2e;

import io.credence.bench.CommandRun;
import io.credence.bench.Figure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The quick e2e harness on tiny inputs, against a real broker: every headline figure comes out, sane and reported. */
class E2eBenchIT {

    @Test
    void measuresTheHeadlineFiguresOnARealBroker(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("figures.json"), markdown = dir.resolve("benchmarks.md");
        E2eOptions options = CommandRun.parsed(E2eCommand.class, "bench", "e2e", "--quick", "--trainer-records", "4096",
                "--scorer-records", "2048", "--requests", "50", "--swaps", "2", "--timeout", "90", "--reference", dir.resolve("no-reference").toString(),
                "--json", json.toString(), "--markdown", markdown.toString(), "--logs", dir.resolve("logs").toString()).options();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Figure> figures = E2eBench.run(options, "E2eBenchIT", new PrintStream(log, true, StandardCharsets.UTF_8));

        Map<String, Figure> byName = figures.stream().collect(Collectors.toMap(Figure::name, Function.identity()));
        assertThat(byName).containsOnlyKeys("trainer.eos.vs_passthrough", "trainer.eos.any_key.vs_passthrough",
                "scorer.s100.vs_passthrough", "scorer.predict.p50_ms", "scorer.predict.p99_ms", "scorer.snapshot_to_first_use_ms");
        Figure trainer = byName.get("trainer.eos.vs_passthrough");
        assertThat(trainer.value()).isPositive();
        assertThat(trainer.reference()).as("the pass-through ran beside it").isPositive();
        assertThat(trainer.ratio()).isEqualTo(trainer.value() / trainer.reference(), within(1e-9));
        assertThat(trainer.target()).isEqualTo(E2eBench.TRAINER_TARGET);
        assertThat(trainer.note()).doesNotContain("keyed by record id");
        Figure anyKey = byName.get("trainer.eos.any_key.vs_passthrough");
        assertThat(anyKey.note()).contains("keyed by record id (all cross the repartition topic)");
        assertThat(anyKey.ratio()).isEqualTo(anyKey.value() / anyKey.reference(), within(1e-9));
        assertThat(anyKey.target()).isNull();
        assertThat(byName.get("scorer.s100.vs_passthrough").value()).isPositive();
        assertThat(byName.get("scorer.predict.p50_ms").value()).isPositive()
                .isLessThanOrEqualTo(byName.get("scorer.predict.p99_ms").value());
        Figure swap = byName.get("scorer.snapshot_to_first_use_ms");
        assertThat(swap.low()).isPositive().isLessThanOrEqualTo(swap.high());

        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("command: E2eBenchIT").contains("seed " + E2eOptions.SEED);
        assertThat(Files.readString(json)).contains("\"trainer.eos.vs_passthrough\"");
        assertThat(Files.readString(markdown)).contains("<!-- bench:e2e -->").contains("| `scorer.predict.p99_ms` |");
    }

    @Test
    void measuresTheRegistryModeCostAgainstTheStandInRegistryIntoItsOwnSection(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("benchmarks.md");
        E2eOptions options = CommandRun.parsed(E2eCommand.class, "bench", "e2e", "--quick", "--only", "registry",
                "--trainer-records", "8192", "--scorer-records", "4096", "--timeout", "90", "--markdown", markdown.toString()).options();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Figure> figures = E2eBench.run(options, "E2eBenchIT", new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(figures).extracting(Figure::name)
                .containsExactly("trainer.eos.registry.vs_single_object", "scorer.s100.registry.vs_single_object");
        for (Figure f : figures) {
            assertThat(f.value()).as(f.name()).isPositive();
            assertThat(f.reference()).as(f.name() + ": single-object ran beside it").isPositive();
            assertThat(f.target()).isEqualTo(E2eBench.REGISTRY_TARGET);
            assertThat(f.note()).contains("stand-in");
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("(registry http://127.0.0.1:", "(single-object)");
        assertThat(Files.readString(markdown)).contains("<!-- bench:e2e-registry -->", "## Registry mode")
                .doesNotContain("<!-- bench:e2e -->");
    }
}
