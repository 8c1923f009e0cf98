package io.credence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.Task;
import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.RecordSink;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.ModelSpecJson;
import io.credence.schemas.serde.AvroCodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code credence spec}: validates a spec.json and prints the effective spec, prints a default spec to start from, or
 * turns a trained deterministic network into the spec of a Bayesian one (MOPED); optionally publishes it.
 */
@Command(name = "spec", mixinStandardHelpOptions = true,
        header = "Validates, prints and publishes a ModelSpec JSON; makes a trained network Bayesian.",
        description = {"Validates a ModelSpec JSON file and prints the effective spec (every key, defaults filled in),",
                "or prints the default spec of a new model to edit (--new), or the spec of a Bayesian network that",
                "starts from a trained deterministic one (--from-weights, MOPED: posterior means are its weights,",
                "stds delta * |w|, the prior is centred on them, and the network keeps the input and target scaling",
                "it was trained with, so it predicts what it did before its first update). The weights file holds",
                "PyTorch's layout: {\"layers\": [{\"weight\": [[...]] (out x in), \"bias\": [...]}, ...], \"activation\":",
                "\"relu\", \"inputMean\": [...], \"inputScale\": [...], \"targetMean\": m, \"targetScale\": s} (scaling",
                "optional: 0 and 1). --publish sends the spec to model-specs, where the trainer takes it."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence spec my-spec.json                 # validate, print every key",
                "  credence spec --check my-spec.json         # validate only (exit status 1 when invalid)",
                "  credence spec --new --model house --features 13 > house.json",
                "  credence spec --new --model moons --task classification --features 2 --classes 2",
                "  credence spec --from-weights weights.json --delta 0.1 --model house > house.json",
                "  credence spec house.json --publish -b kafka:9092"})
final class SpecCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The spec JSON file (- for standard input).")
    Path file;

    @Option(names = "--check", description = "Only validate: print one line, exit 1 when the spec is invalid.")
    boolean check;

    @Option(names = "--new", description = "Print the default spec of a new model (with --model, --features).")
    boolean create;

    @Option(names = "--from-weights", paramLabel = "WEIGHTS", description = "A trained deterministic network's weights JSON (with --model).")
    Path weights;

    @Option(names = "--delta", defaultValue = "0.1", paramLabel = "D",
            description = "With --from-weights: posterior std = D * |weight| (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--model", paramLabel = "ID", description = "Model id of --new or --from-weights.")
    String model;

    @Option(names = "--task", defaultValue = "regression", paramLabel = "TASK",
            description = "regression or classification (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--features", paramLabel = "N", description = "With --new: number of input features.")
    Integer features;

    @Option(names = "--classes", defaultValue = "2", paramLabel = "K",
            description = "With --new: classes of a classification model (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--publish", description = "Publish the spec to model-specs (keyed by its model id).")
    boolean publish;

    @Option(names = "--spec-topic", defaultValue = "model-specs", paramLabel = "TOPIC", description = "With --publish (default: ${DEFAULT-VALUE}).")
    String specTopic;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        long sources = Stream.of(file != null, create, weights != null).filter(b -> b).count();
        if (sources != 1) throw new CommandFailure("give one of FILE, --new or --from-weights");
        ModelSpec spec;
        if (create) {
            if (model == null || features == null) throw new CommandFailure("--new needs --model ID and --features N");
            spec = switch (Tasks.parse(task)) {
                case REGRESSION -> ModelSpec.regression(model, features).build();
                case CLASSIFICATION -> ModelSpec.classification(model, features, classes).build();
            };
        } else if (weights != null) {
            if (model == null) throw new CommandFailure("--from-weights needs --model ID");
            spec = fromWeights();
        } else {
            spec = SpecFiles.read(file);
        }
        if (check) {
            System.out.println("valid: model " + spec.modelId() + ", " + describe(spec));
        } else if (!publish) {
            System.out.println(ModelSpecJson.toJson(spec));
        }
        if (publish) {
            var settings = kafka.clientProperties();
            Clients.requireTopics(settings, List.of(specTopic));
            try (RecordSink sink = new RecordSink(settings)) {
                sink.send(specTopic, spec.modelId(), kafka.wireFormat().encode(specTopic, AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));
                sink.flush();
            }
            System.err.println("published the spec of model " + spec.modelId() + " to " + specTopic);
        }
        return 0;
    }

    /** The product default spec around the network in the weights file, started from its weights. */
    private ModelSpec fromWeights() {
        String text = SpecFiles.text(weights);
        DeterministicWeights d;
        Activation activation;
        try {
            d = ModelSpecJson.weightsFromJson(text, delta);
            JsonNode name = JSON.readTree(text).get("activation");
            activation = name == null ? Activation.RELU : activation(name);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandFailure(weights + ": " + e.getMessage(), e);
        }
        List<double[][]> layers = d.weights();
        int outputs = layers.get(layers.size() - 1).length;
        List<Integer> hidden = new ArrayList<>();
        for (int l = 0; l < layers.size() - 1; l++) hidden.add(layers.get(l).length);
        int inputs = layers.get(0)[0].length;
        ModelSpec.Builder b;
        if (Tasks.parse(task) == Task.CLASSIFICATION) {
            b = ModelSpec.classification(model, inputs, outputs);
        } else {
            if (outputs != 1) {
                throw new CommandFailure(weights + ": a regression network must end in 1 output, this one has " + outputs
                        + " (for classes, give --task classification)");
            }
            // One output: the noise is one learned scale, in place of the default's second output for a log-variance.
            b = ModelSpec.regression(model, inputs);
            b.likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, l.noiseSigma()));
        }
        try {
            return b.network(n -> n.withHidden(hidden).withActivation(activation)).fromWeights(d).build();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(weights + ": " + e.getMessage(), e);
        }
    }

    private Activation activation(JsonNode name) {
        for (Activation a : Activation.values()) {
            if (name.isTextual() && a.name().equalsIgnoreCase(name.textValue())) return a;
        }
        throw new CommandFailure(weights + ": activation must be one of relu, tanh, sigmoid, got " + name);
    }

    private static String describe(ModelSpec spec) {
        return spec.task() + (spec.task() == Task.CLASSIFICATION ? " with " + spec.classes() + " classes" : "")
                + ", " + spec.features() + " features, hidden " + spec.network().hidden() + ", " + spec.parameterCount()
                + " weights and biases" + (spec.fromWeights() == null ? ""
                : String.format(Locale.ROOT, ", starting from trained weights (delta %s)", spec.fromWeights().delta()));
    }
}
