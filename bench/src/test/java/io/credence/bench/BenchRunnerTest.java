package io.credence.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.bench.core.CoreBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole core run on a small data set without the reference: every figure measured, JSON and markdown written. */
class BenchRunnerTest {

    @Test
    void measuresEveryConfigurationAndWritesBothReports(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("figures.json");
        Path md = dir.resolve("benchmarks.md");
        Files.writeString(md, "# Credence benchmarks\n\nhand-written intro\n");
        BenchOptions options = new BenchOptions(true, 1, 2048, 5, false, dir.resolve("no-reference"), json, md);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        List<Figure> figures = BenchRunner.run(options, "bench --quick", new PrintStream(out));

        assertThat(figures).extracting(Figure::name).contains("core.train.13-50-1.b32.reparam",
                "core.train.13-50-50-1.b256.local_reparam", "core.train.13-50-1.b256.online_learner",
                "core.score_s100.13-50-50-1.b32", "core.score_s100.13-50-1.b256.interval_only",
                "core.score_s100.13-512-512-1.b256", "core.fma_peak");
        // 5 figures per configuration, and the core's multiply-add limit (the test JVMs have the Vector API's module).
        assertThat(figures).hasSize(CoreBench.CONFIGS.size() * 5 + 1).allSatisfy(f -> {
            assertThat(f.value()).isPositive().isFinite();
            assertThat(f.reference()).isNull();
        });
        assertThat(out.toString()).contains("PyTorch reference not found");

        JsonNode list = new ObjectMapper().readTree(json.toFile());
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isEqualTo(figures.size());
        for (String field : List.of("name", "value", "unit", "reference", "ratio")) assertThat(list.get(0).has(field)).isTrue();

        String doc = Files.readString(md);
        assertThat(doc).contains("hand-written intro").contains("<!-- bench:core -->").contains("`core.train.13-50-1.b32.reparam`")
                .contains("bench --quick");
    }
}
