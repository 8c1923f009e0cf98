package io.credence.cli;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;
import io.credence.schemas.codec.ModelSpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SpecCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheEffectiveSpecWithEveryDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"modelId\": \"house\", \"task\": \"regression\", \"features\": 13, \"hidden\": [20]}");
        CliRun run = CliRun.of("spec", file.toString());
        assertThat(run.exitCode()).isZero();
        ModelSpec spec = ModelSpecJson.fromJson(run.out());
        assertThat(spec).isEqualTo(ModelSpec.regression("house", 13).network(n -> n.withHidden(20)).build());
        assertThat(run.out()).contains("\"learningRate\"", "\"snapshotEveryUpdates\"");
    }

    @Test
    void checkPrintsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"modelId\": \"moons\", \"task\": \"CLASSIFICATION\", \"features\": 2, \"classes\": 2}");
        CliRun run = CliRun.of("spec", "--check", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).startsWith("valid: model moons, CLASSIFICATION with 2 classes, 2 features");
    }

    @Test
    void anInvalidSpecIsOneLineNamingFileAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"modelId\": \"m\", \"task\": \"regression\", \"features\": 1, \"learningrate\": 0.1}");
        CliRun run = CliRun.of("spec", "--check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("credence spec: error: " + file + ": unknown key \"learningrate\"")
                .contains("did you mean \"learningRate\"").doesNotContain("\n");
    }

    @Test
    void aMissingFileIsOneLine() {
        CliRun run = CliRun.of("spec", dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("credence spec: error: spec file " + dir.resolve("nope.json") + " does not exist");
    }

    @Test
    void newPrintsADefaultSpecThatReadsBack() {
        CliRun run = CliRun.of("spec", "--new", "--model", "m", "--task", "classification", "--features", "4", "--classes", "3");
        assertThat(run.exitCode()).isZero();
        ModelSpec spec = ModelSpecJson.fromJson(run.out());
        assertThat(spec.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(spec.classes()).isEqualTo(3);
        assertThat(spec).isEqualTo(ModelSpec.classification("m", 4, 3).build());
    }

    @Test
    void anUnknownTaskIsExplained() {
        CliRun run = CliRun.of("spec", "--new", "--model", "m", "--task", "ranking", "--features", "4");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--task must be regression or classification, got \"ranking\"");
    }
}
