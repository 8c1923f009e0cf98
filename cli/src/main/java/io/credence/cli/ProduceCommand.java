package io.credence.cli;

import io.credence.schemas.serde.TopicCodec;
import io.credence.avro.LabeledRecord;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.csv.CsvTable;
import io.credence.cli.csv.RowOrder;
import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.RecordSink;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code credence produce}: streams a CSV file to labeled-records, making sure the model has a spec that fits it. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        header = "Streams a CSV file to labeled-records, shuffled, under a spec that fits the file.",
        description = {"Streams the rows of a CSV file (with a header row) to labeled-records as LabeledRecords of one model,",
                "in a random order (each pass shuffled anew) unless --in-order. Features are every column but the target",
                "(and --id-column), or those named by --features.",
                "With --spec, the spec JSON is validated against the file and published to model-specs first; features,",
                "classes and effectiveDataSize it leaves out are taken from the file (N = its rows, however many passes).",
                "Without --spec, a model that has no spec on model-specs gets the product default spec for the file",
                "(its features, classes and rows); a model whose spec does not fit the file gets a warning, as the",
                "trainer would dead-letter its records. --no-spec sends the records only."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence produce --model house --csv train.csv --target price            # default spec for the file",
                "  credence produce --model house --csv train.csv --target price --spec house.json",
                "  credence produce --model moons --csv moons.csv --target label --task classification --passes 20",
                "  credence produce --model m --csv d.csv --target y --features x1,x2 --id-column id -b kafka:9093 --kafka-config sasl.properties"})
final class ProduceCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "ID", description = "Model id of every record.")
    String model;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
    Path csv;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "COLUMN",
            description = "Label column: a number (regression) or a class index 0..K-1 (classification).")
    String target;

    @Option(names = "--task", paramLabel = "TASK",
            description = "regression (default) or classification; taken from --spec when given.")
    String task;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN", description = "Feature columns, in order (default: all but the target and id).")
    List<String> features = new ArrayList<>();

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "Column sent as the record id (echoed in dead letters).")
    String idColumn;

    @Option(names = "--spec", paramLabel = "FILE", description = "ModelSpec JSON to validate and publish to model-specs first.")
    Path specFile;

    @Option(names = "--no-spec", description = "Publish no spec and check none: the trainer uses the model's spec or its own default.")
    boolean noSpec;

    @Option(names = "--passes", defaultValue = "1", paramLabel = "N",
            description = "Send the file N times, e.g. to replay a small data set (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--in-order", description = "Send the rows in file order (default: shuffled, each pass anew).")
    boolean inOrder;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--topic", defaultValue = "labeled-records", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--spec-topic", defaultValue = "model-specs", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String specTopic;

    @Override
    public Integer call() {
        if (passes < 1) throw new CommandFailure("--passes must be at least 1, got " + passes);
        if (noSpec && specFile != null) throw new CommandFailure("give --spec or --no-spec, not both");
        String specJson = specFile == null ? null : SpecFiles.text(specFile);
        Task taskOfRecords = taskOf(specJson == null ? null : SpecFiles.task(specFile, specJson));
        CsvTable table = CsvTable.read(csv);
        LabeledRows rows = LabeledRows.of(table, target, features, idColumn, taskOfRecords);
        ModelSpec spec = specJson == null ? null
                : SpecFiles.parseFor(specFile, specJson, rows.featureCount(),
                        rows.classes() == 0 ? 0 : Math.max(2, rows.classes()), rows.size());
        if (spec != null && !spec.modelId().equals(model)) {
            throw new CommandFailure("--spec " + specFile + " is for model " + spec.modelId() + ", not --model " + model);
        }
        if (spec != null) check(spec, rows, true);
        var settings = kafka.clientProperties();
        Clients.requireTopics(settings, noSpec ? List.of(topic) : List.of(topic, specTopic));
        if (spec == null && !noSpec) spec = specFor(settings, rows, taskOfRecords);
        try (RecordSink sink = new RecordSink(settings)) {
            if (spec != null) {
                sink.send(specTopic, model, kafka.wireFormat().encode(specTopic, AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));
                sink.flush();
                System.err.printf(Locale.ROOT, "published the %sspec of model %s to %s: %d features%s, effectiveDataSize %d%n",
                        specFile == null ? "default " : "", model, specTopic, spec.features(),
                        spec.task() == Task.CLASSIFICATION ? ", " + spec.classes() + " classes" : "",
                        spec.streaming().effectiveDataSize());
            }
            long total = (long) passes * rows.size();
            long before = sink.acknowledged(); // the spec
            ProgressBar bar = ProgressBar.onStderr("produce " + model, total);
            Random random = new Random(seed);
            TopicCodec<LabeledRecord> labeled = kafka.wireFormat().on(topic, AvroCodecs.labeledRecord());
            long sent = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (int i : inOrder ? IntStream.range(0, rows.size()).toArray() : RowOrder.shuffled(rows.size(), random)) {
                    LabeledRecord record = LabeledRecord.newBuilder().setModelId(model).setRecordId(rows.id(i))
                            .setFeatures(rows.features(i)).setLabel(rows.label(i)).setEventTime(Instant.now())
                            .setWeight(null).build();
                    sink.send(topic, model, labeled.encode(record));
                    if (++sent % 500 == 0) bar.update(sink.acknowledged() - before);
                }
            }
            sink.flush();
            bar.update(sink.acknowledged() - before);
            bar.finish();
            System.err.println("sent " + (sink.acknowledged() - before) + " labeled records of model " + model + " to " + topic
                    + (inOrder ? " in file order" : " in random order (seed " + seed + ")")
                    + (noSpec ? " (--no-spec: the trainer uses the model's spec on " + specTopic + " or its default spec)" : ""));
        }
        return 0;
    }

    /**
     * Without --spec: null when the model's spec on model-specs fits the file (after a warning when it does not), or,
     * for a model without one, the product default spec for the file.
     */
    private ModelSpec specFor(Map<String, Object> settings, LabeledRows rows, Task taskOfRecords) {
        byte[] current;
        try (TopicReader reader = new TopicReader(settings, specTopic)) {
            current = reader.lastOf(model.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)).values().stream()
                    .max(Comparator.comparingLong(ConsumerRecord::timestamp)).map(ConsumerRecord::value).orElse(null);
        }
        if (current != null) {
            try {
                check(ModelSpecCodec.toCore(kafka.wireFormat().decode(specTopic, AvroCodecs.modelSpec(), current)), rows, false);
            } catch (DecodeException | IllegalArgumentException e) {
                System.err.println("warning: the spec of model " + model + " on " + specTopic + " cannot be read (" + e.getMessage() + ")");
            }
            return null;
        }
        return SpecFiles.defaultFor(model, taskOfRecords, rows.featureCount(), Math.max(2, rows.classes()), rows.size()).build();
    }

    /**
     * Whether the records fit {@code spec}: an error for the spec being published ({@code strict}), a warning for one
     * already on model-specs (its records would be dead-lettered or trained as another task).
     */
    private void check(ModelSpec spec, LabeledRows rows, boolean strict) {
        String problem = null;
        if (spec.features() != rows.featureCount()) {
            problem = "the spec of model " + model + " has " + spec.features() + " features but " + csv + " gives "
                    + rows.featureCount() + " (" + String.join(", ", rows.featureNames()) + ")";
        } else if (spec.task() == Task.CLASSIFICATION && rows.classes() > spec.classes()) {
            problem = rows.classError(spec.classes());
        } else if (!strict && task != null && Tasks.parse(task) != spec.task()) {
            problem = "--task " + task + " contradicts the task of model " + model + "'s spec, " + spec.task();
        }
        if (problem == null) return;
        if (strict) throw new CommandFailure(problem);
        System.err.println("warning: " + problem + " (the spec on " + specTopic + "): the trainer will dead-letter or "
                + "mis-train these records; publish a spec that fits with --spec");
    }

    private Task taskOf(Task specTask) {
        if (specTask == null) return task == null ? Task.REGRESSION : Tasks.parse(task);
        if (task != null && Tasks.parse(task) != specTask) {
            throw new CommandFailure("--task " + task + " contradicts the spec's task " + specTask);
        }
        return specTask;
    }
}
