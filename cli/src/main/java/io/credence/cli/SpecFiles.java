package io.credence.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.Task;
import io.credence.schemas.codec.ModelSpecJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads spec.json files ("-" for standard input) through {@link ModelSpecJson}, with errors that name the file. */
final class SpecFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpecFiles() {}

    /**
     * The spec in {@code file}, with every omitted key at its default.
     *
     * @throws CommandFailure when the file cannot be read or is not a valid spec; the message names the file and key
     */
    static ModelSpec read(Path file) {
        return parse(file, text(file));
    }

    /**
     * The spec in {@code json} (read from {@code file}) for a model trained on a data file: the keys it leaves out take
     * their defaults, except features, classes and effectiveDataSize, which come from the data.
     *
     * @param classes the data's classes, or 0 to leave the key to its default (regression; classes unknown)
     * @param rows    the data's distinct training rows: the effective data size N of the KL weight
     * @throws CommandFailure when the text is not a valid spec
     */
    static ModelSpec parseFor(Path file, String json, int features, int classes, long rows) {
        try {
            if (JSON.readTree(json) instanceof ObjectNode o) {
                if (!o.has("features")) o.put("features", features);
                if (!o.has("classes") && classes > 0) o.put("classes", classes);
                if (!o.has("effectiveDataSize")) o.put("effectiveDataSize", rows);
                return parse(file, o.toString());
            }
        } catch (JsonProcessingException e) {
            // not JSON: the parser names the problem
        }
        return parse(file, json);
    }

    /**
     * The product default spec for a model trained on a data file: its features, its classes, and N = its distinct
     * rows (the effective data size of the KL weight).
     *
     * @param classes the data's classes (classification), ignored for regression
     */
    static ModelSpec.Builder defaultFor(String modelId, Task task, int features, int classes, long rows) {
        ModelSpec.Builder b = task == Task.CLASSIFICATION
                ? ModelSpec.classification(modelId, features, classes)
                : ModelSpec.regression(modelId, features);
        return b.streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, rows, 1.0));
    }

    /**
     * The task a spec text names, before its data-dependent keys are filled in ({@link #parseFor}).
     *
     * @throws CommandFailure when the text is not a JSON object with a task
     */
    static Task task(Path file, String json) {
        try {
            JsonNode task = JSON.readTree(json).get("task");
            if (task != null && task.isTextual()) return Tasks.parse(task.textValue());
        } catch (JsonProcessingException e) {
            return parse(file, json).task(); // names the JSON error
        }
        throw new CommandFailure(file + ": spec needs key \"task\" (regression or classification)");
    }

    /** The text of {@code file} ("-": standard input, read once). */
    static String text(Path file) {
        String json;
        try {
            if (file.toString().equals("-")) {
                InputStream in = System.in;
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                json = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw new CommandFailure("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
        return json;
    }

    /** The spec in {@code json}, read from {@code file}. */
    static ModelSpec parse(Path file, String json) {
        try {
            return ModelSpecJson.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }
}
