package io.credence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code credence demo --csv} end to end in this JVM, as a user coming from BLiTZ or bayesian-torch would try it on
 * their own file: a real embedded broker, the real trainer and scorer, files written by the test (a regression with
 * known noise, a three-class problem with text labels), the metrics and pictures a person would open.
 */
class CsvDemoIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void regressionOnAUsersCsvGivesHonestIntervalsAndEveryPicture() throws IOException {
        // y = 2 sin(x1) + 0.5 x2 + N(0, 0.3^2), x1 in [-3, 3], x2 in [0, 10], with a column order that puts the target first.
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("y,x1,x2\n");
        for (int i = 0; i < 600; i++) {
            double x1 = -3 + 6 * random.nextDouble(), x2 = 10 * random.nextDouble();
            double y = 2 * Math.sin(x1) + 0.5 * x2 + 0.3 * random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", y, x1, x2));
        }
        Path file = Files.writeString(dir.resolve("waves.csv"), csv);
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("demo", "--csv", file.toString(), "--target", "y", "--test-fraction", "0.2",
                "--seed", "3", "--out", out.toString());
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("regression of y on 2 feature columns", "480 rows to train on", "120 held back",
                "Done in", "report.html");

        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        System.out.println("demo --csv regression metrics: " + m);
        assertThat(m.get("rows_train").asInt()).isEqualTo(480);
        assertThat(m.get("rows_test").asInt()).isEqualTo(120);
        assertThat(m.get("records_trained").asLong()).isEqualTo(480);
        assertThat(m.get("dlq_records").asLong()).isZero();
        assertThat(m.get("predictions_emitted").asLong()).isEqualTo(m.get("feature_records_sent").asLong())
                .isEqualTo(120 + 2 * 200);
        // The noise std is 0.3: a perfect model has RMSE 0.3 and log-likelihood -0.22, and 90% of labels in its intervals.
        assertThat(m.get("rmse").asDouble()).isBetween(0.2, 0.5);
        assertThat(m.get("ll").asDouble()).isBetween(-1.0, 0.0);
        assertThat(m.get("coverage_90").asDouble()).isBetween(0.8, 0.98);
        JsonNode spec = JSON.readTree(out.resolve("spec.json").toFile());
        assertThat(spec.get("features").asInt()).isEqualTo(2);
        assertThat(spec.get("effectiveDataSize").asLong()).isEqualTo(480);

        for (String png : new String[] {"predictions.png", "calibration.png", "prequential.png", "along-1.png", "along-2.png"}) {
            assertThat(ImageIO.read(out.resolve(png).toFile())).as(png).isNotNull();
        }
        assertThat(colours(out.resolve("along-1.png"))).as("distinct colours of along-1.png").isGreaterThan(20);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<img src=\"predictions.png\"",
                "<img src=\"calibration.png\"", "<img src=\"prequential.png\"", "<img src=\"along-2.png\"", "coverage_90");
    }

    @Test
    void threeClassesWithTextLabels() throws IOException {
        // Three Gaussian blobs 120 degrees apart, labelled by name.
        String[] names = {"north", "southeast", "southwest"};
        Random random = new Random(8);
        StringBuilder csv = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 450; i++) {
            int k = random.nextInt(3);
            double angle = Math.PI / 2 + 2 * Math.PI * k / 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", 2 * Math.cos(angle) + 0.6 * random.nextGaussian(),
                    2 * Math.sin(angle) + 0.6 * random.nextGaussian(), names[k]));
        }
        Path file = Files.writeString(dir.resolve("blobs.csv"), csv);
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("demo", "--csv", file.toString(), "--target", "kind", "--task", "classification",
                "--test-fraction", "0.2", "--seed", "4", "--out", out.toString());
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("classification of kind on 2 feature columns (3 classes)");

        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        System.out.println("demo --csv classification metrics: " + m);
        assertThat(m.get("classes").asInt()).isEqualTo(3);
        assertThat(m.get("records_trained").asLong()).isEqualTo(m.get("rows_train").asLong()).isEqualTo(360);
        assertThat(m.get("dlq_records").asLong()).isZero();
        assertThat(m.get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(m.get("log_loss").asDouble()).isLessThan(0.35);
        assertThat(m.get("ece").asDouble()).isLessThan(0.15);
        for (String png : new String[] {"predictions.png", "calibration.png", "prequential.png", "along-1.png", "along-2.png"}) {
            assertThat(ImageIO.read(out.resolve(png).toFile())).as(png).isNotNull();
        }
        assertThat(colours(out.resolve("predictions.png"))).as("distinct colours of predictions.png").isGreaterThan(5);
        assertThat(Files.readString(out.resolve("report.html"))).contains("southwest", "ece");
    }

    @Test
    void aTextFeatureIsOneLineNamingItsColumnAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("mixed.csv"), "x,colour,y\n1,2,3\n4,red,6\n7,8,9\n");
        CliRun run = CliRun.of("demo", "--csv", file.toString(), "--target", "y", "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("credence demo: error: line 3, column \"colour\": \"red\" is not a number")
                .contains("--features").doesNotContain("\n");

        Path labels = Files.writeString(dir.resolve("labels.csv"), "x,y\n1,a\n2,b\n3,a\n");
        run = CliRun.of("demo", "--csv", labels.toString(), "--target", "y", "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("credence demo: error: line 2, column \"y\": \"a\" is not a number")
                .contains("--task classification").doesNotContain("\n");
    }

    /** Distinct colours in a picture: a blank or one-colour image has one or two. */
    private static int colours(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) seen.add(image.getRGB(x, y));
        }
        return seen.size();
    }
}
