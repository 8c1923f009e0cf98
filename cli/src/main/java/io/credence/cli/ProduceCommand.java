package io.credence.cli;

import io.credence.avro.LabeledRecord;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.csv.CsvTable;
import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.RecordSink;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.AvroCodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code credence produce}: streams a CSV file to labeled-records, optionally publishing the model's spec first. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        header = "Streams a CSV file to labeled-records (optionally publishing a spec first).",
        description = {"Streams the rows of a CSV file (with a header row) to labeled-records as LabeledRecords of one model.",
                "Features are every column but the target (and --id-column), or those named by --features. With --spec,",
                "the spec JSON is validated against the CSV and published to model-specs first; without it, the trainer",
                "uses the spec the model already has, or its default spec."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence produce --model house --csv train.csv --target price --spec house.json",
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

    @Option(names = "--passes", defaultValue = "1", paramLabel = "N",
            description = "Send the file N times in a row, e.g. to replay a small data set (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--topic", defaultValue = "labeled-records", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--spec-topic", defaultValue = "model-specs", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String specTopic;

    @Override
    public Integer call() {
        if (passes < 1) throw new CommandFailure("--passes must be at least 1, got " + passes);
        ModelSpec spec = specFile == null ? null : SpecFiles.read(specFile);
        Task taskOfRecords = taskOf(spec);
        CsvTable table = CsvTable.read(csv);
        LabeledRows rows = LabeledRows.of(table, target, features, idColumn, taskOfRecords,
                spec == null ? null : spec.classes());
        if (spec != null && spec.features() != rows.featureCount()) {
            throw new CommandFailure("the spec of model " + model + " has " + spec.features() + " features but " + csv
                    + " gives " + rows.featureCount() + " (" + String.join(", ", rows.featureNames()) + ")");
        }
        var settings = kafka.clientProperties();
        Clients.requireTopics(settings, spec == null ? List.of(topic) : List.of(topic, specTopic));
        try (RecordSink sink = new RecordSink(settings)) {
            if (spec != null) {
                sink.send(specTopic, model, AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec)));
                sink.flush();
                System.err.println("published the spec of model " + model + " to " + specTopic);
            }
            long total = (long) passes * rows.size();
            long before = sink.acknowledged(); // the spec
            ProgressBar bar = ProgressBar.onStderr("produce " + model, total);
            long sent = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (int i = 0; i < rows.size(); i++) {
                    LabeledRecord record = LabeledRecord.newBuilder().setModelId(model).setRecordId(rows.id(i))
                            .setFeatures(rows.features(i)).setLabel(rows.label(i)).setEventTime(Instant.now())
                            .setWeight(null).build();
                    sink.send(topic, model, AvroCodecs.labeledRecord().encode(record));
                    if (++sent % 500 == 0) bar.update(sink.acknowledged() - before);
                }
            }
            sink.flush();
            bar.update(sink.acknowledged() - before);
            bar.finish();
            System.err.println("sent " + (sink.acknowledged() - before) + " labeled records of model " + model + " to " + topic
                    + (spec == null ? " (no --spec: the trainer uses the model's spec on " + specTopic + " or its default spec)" : ""));
        }
        return 0;
    }

    private Task taskOf(ModelSpec spec) {
        if (spec == null) return task == null ? Task.REGRESSION : Tasks.parse(task);
        if (!spec.modelId().equals(model)) {
            throw new CommandFailure("--spec " + specFile + " is for model " + spec.modelId() + ", not --model " + model);
        }
        if (task != null && Tasks.parse(task) != spec.task()) {
            throw new CommandFailure("--task " + task + " contradicts the spec's task " + spec.task());
        }
        return spec.task();
    }
}
