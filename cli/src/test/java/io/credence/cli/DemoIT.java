package io.credence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code credence demo --quick} end to end in this JVM: a real embedded broker, the real trainer and scorer, real
 * predictions read back from Kafka, and the files a person would open.
 */
class DemoIT {

    @TempDir
    Path out;

    @Test
    void quickDemoWritesPicturesReportAndSaneMetrics() throws Exception {
        CliRun run = CliRun.of("demo", "--quick", "--out", out.toString(), "--seed", "11");
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("seed 11", "Done in", "report.html");

        for (String png : new String[] {"predictive.png", "moons.png", "prequential.png"}) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).as(png).isGreaterThan(500);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<img src=\"predictive.png\"", "<img src=\"moons.png\"", "<img src=\"prequential.png\"",
                "Prequential metrics over time");
        assertThat(out.resolve("demo.log")).isNotEmptyFile();

        JsonNode m = JsonMapper.builder().build().readTree(out.resolve("demo-metrics.json").toFile());
        System.out.println("demo --quick metrics: " + m);
        assertThat(m.get("seed").asLong()).isEqualTo(11);
        // Every point streamed once, as a real stream arrives: the quality comes from rehearsal while the stream is quiet.
        assertThat(m.get("sin_passes").asInt()).isEqualTo(1);
        assertThat(m.get("moons_passes").asInt()).isEqualTo(1);
        assertThat(m.get("records_produced").asLong()).isEqualTo(2000L + 500L);
        assertThat(m.get("records_trained").asLong()).isEqualTo(m.get("records_produced").asLong());
        assertThat(m.get("snapshots_published").asLong()).isPositive();
        assertThat(m.get("predictions_emitted").asLong()).isEqualTo(m.get("feature_records_sent").asLong())
                .isEqualTo(240 + 400 + 30 * 30 + 300);
        assertThat(m.get("dlq_records").asLong()).isZero();
        // Uncertainty that grows where there is no data, calibrated intervals where there is.
        assertThat(m.get("gap_std_ratio").asDouble()).isGreaterThan(1.0);
        assertThat(m.get("ood_std_ratio").asDouble()).isGreaterThan(1.0);
        assertThat(m.get("coverage_90").asDouble()).isBetween(0.8, 0.98);
        assertThat(m.get("rmse").asDouble()).isLessThan(0.25);
        assertThat(m.get("moons_accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(m.get("seconds").asDouble()).isPositive();
    }

    @Test
    void aPinnedBusyPortIsOneClearLine() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            CliRun run = CliRun.of("demo", "--quick", "--out", out.toString(), "--port", Integer.toString(busy.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("credence demo: error: ").contains(Integer.toString(busy.getLocalPort()))
                    .doesNotContain("\n");
        }
    }
}
