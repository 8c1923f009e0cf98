package io.credence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks produce makes before it contacts Kafka: spec against CSV, labels against the task. */
class ProduceCommandTest {

    @TempDir
    Path dir;

    private CliRun produce(String csv, String... extra) throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), csv);
        String[] base = {"produce", "--model", "m", "--csv", file.toString(), "--target", "y", "--bootstrap", "localhost:1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void specWithOtherFeatureCountIsRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("s.json"), "{\"modelId\": \"m\", \"task\": \"regression\", \"features\": 3}");
        CliRun run = produce("a,b,y\n1,2,3\n", "--spec", spec.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("credence produce: error: the spec of model m has 3 features but "
                + dir.resolve("d.csv") + " gives 2 (a, b)");
    }

    @Test
    void specOfAnotherModelIsRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("s.json"), "{\"modelId\": \"other\", \"task\": \"regression\", \"features\": 2}");
        CliRun run = produce("a,b,y\n1,2,3\n", "--spec", spec.toString());
        assertThat(run.err()).contains("is for model other, not --model m");
    }

    @Test
    void classLabelsMustBeWholeAndInRange() throws Exception {
        CliRun fractional = produce("a,y\n1,0\n2,0.5\n", "--task", "classification");
        assertThat(fractional.exitCode()).isEqualTo(1);
        assertThat(fractional.err()).contains("line 3, column \"y\": a class label must be a whole number");
        Path spec = Files.writeString(dir.resolve("s.json"), "{\"modelId\": \"m\", \"task\": \"classification\", \"features\": 1, \"classes\": 2}");
        CliRun outOfRange = produce("a,y\n1,0\n2,2\n", "--spec", spec.toString());
        assertThat(outOfRange.err()).contains("line 3, column \"y\": class 2 is out of range: the spec has 2 classes (0..1)");
    }

    @Test
    void aNonNumericFeatureNamesItsCell() throws Exception {
        CliRun run = produce("a,y\n1,0\nabc,1\n");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("credence produce: error: line 3, column \"a\": \"abc\" is not a number");
    }

    @Test
    void aSpecWithoutFeaturesTakesThemFromTheFile() throws Exception {
        Path spec = Files.writeString(dir.resolve("s.json"), "{\"modelId\": \"m\", \"task\": \"classification\", \"classes\": 2}");
        CliRun run = produce("a,b,y\n1,2,0\n3,4,2\n", "--spec", spec.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        // Read with the file's two features: what is left to refuse is the class out of range.
        assertThat(run.err().strip()).isEqualTo("credence produce: error: line 3, column \"y\": class 2 is out of range: "
                + "the spec has 2 classes (0..1)");
    }
}
