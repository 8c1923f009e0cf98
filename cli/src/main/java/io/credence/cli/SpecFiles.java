package io.credence.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.ModelSpec;
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
     * The spec in {@code file} for a model trained on a data file: the keys it leaves out take their defaults, except
     * features, classes (classification) and effectiveDataSize, which come from the data file.
     *
     * @param classes the data's classes, or 0 for regression
     * @param rows    the data's training rows: the effective data size N of the KL weight
     * @throws CommandFailure when the file cannot be read, is not a valid spec, or names other features or classes
     */
    static ModelSpec readFor(Path file, int features, int classes, long rows) {
        String json = text(file);
        try {
            if (JSON.readTree(json) instanceof ObjectNode o) {
                if (!o.has("features")) o.put("features", features);
                if (!o.has("classes") && classes > 0) o.put("classes", classes);
                if (!o.has("effectiveDataSize")) o.put("effectiveDataSize", rows);
                json = o.toString();
            }
        } catch (JsonProcessingException e) {
            // not JSON: the parser below names the problem
        }
        ModelSpec spec = parse(file, json);
        if (spec.features() != features) {
            throw new CommandFailure("the spec in " + file + " has " + spec.features() + " features but the data has " + features);
        }
        if (classes > 0 && spec.classes() != classes) {
            throw new CommandFailure("the spec in " + file + " has " + spec.classes() + " classes but the data has " + classes);
        }
        return spec;
    }

    private static String text(Path file) {
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

    private static ModelSpec parse(Path file, String json) {
        try {
            return ModelSpecJson.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }
}
