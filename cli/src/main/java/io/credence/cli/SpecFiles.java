package io.credence.cli;

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

    private SpecFiles() {}

    /**
     * The spec in {@code file}, with every omitted key at its default.
     *
     * @throws CommandFailure when the file cannot be read or is not a valid spec; the message names the file and key
     */
    static ModelSpec read(Path file) {
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
        try {
            return ModelSpecJson.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }
}
