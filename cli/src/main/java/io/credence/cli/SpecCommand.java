package io.credence.cli;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;
import io.credence.schemas.codec.ModelSpecJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code credence spec}: validates a spec.json and prints the effective spec, or prints a default spec to start from. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        header = "Validates and prints a ModelSpec JSON, or prints a default one.",
        description = {"Validates a ModelSpec JSON file and prints the effective spec (every key, defaults filled in),",
                "or prints the default spec of a new model to edit."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence spec my-spec.json                 # validate, print every key",
                "  credence spec --check my-spec.json         # validate only (exit status 1 when invalid)",
                "  credence spec --new --model house --features 13 > house.json",
                "  credence spec --new --model moons --task classification --features 2 --classes 2"})
final class SpecCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The spec JSON file (- for standard input).")
    Path file;

    @Option(names = "--check", description = "Only validate: print one line, exit 1 when the spec is invalid.")
    boolean check;

    @ArgGroup(exclusive = false, heading = "%nA new spec (instead of FILE):%n")
    NewSpec newSpec;

    /** The options of {@code --new}. */
    static final class NewSpec {
        @Option(names = "--new", required = true, description = "Print the default spec of a new model.")
        boolean create;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "Model id.")
        String model;

        @Option(names = "--task", defaultValue = "regression", paramLabel = "TASK",
                description = "regression or classification (default: ${DEFAULT-VALUE}).")
        String task;

        @Option(names = "--features", required = true, paramLabel = "N", description = "Number of input features.")
        int features;

        @Option(names = "--classes", defaultValue = "2", paramLabel = "K",
                description = "Classes of a classification model (default: ${DEFAULT-VALUE}).")
        int classes;
    }

    @Override
    public Integer call() {
        ModelSpec spec;
        if (newSpec != null) {
            if (file != null) throw new CommandFailure("give either FILE or --new, not both");
            spec = switch (Tasks.parse(newSpec.task)) {
                case REGRESSION -> ModelSpec.regression(newSpec.model, newSpec.features).build();
                case CLASSIFICATION -> ModelSpec.classification(newSpec.model, newSpec.features, newSpec.classes).build();
            };
        } else {
            if (file == null) throw new CommandFailure("give a spec FILE to validate, or --new --model ID --features N");
            spec = SpecFiles.read(file);
        }
        if (check) {
            System.out.println("valid: model " + spec.modelId() + ", " + describe(spec));
        } else {
            System.out.println(ModelSpecJson.toJson(spec));
        }
        return 0;
    }

    private static String describe(ModelSpec spec) {
        return spec.task() + (spec.task() == Task.CLASSIFICATION ? " with " + spec.classes() + " classes" : "")
                + ", " + spec.features() + " features, hidden " + spec.hidden() + ", " + spec.parameterCount()
                + " weights and biases";
    }
}
