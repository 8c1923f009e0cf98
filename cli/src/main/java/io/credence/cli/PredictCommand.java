package io.credence.cli;

import io.credence.avro.Prediction;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.csv.CsvTable;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.ScoringRound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code credence predict}: sends the rows of a CSV file as feature records and writes their predictions. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Scores a CSV file through feature-records and writes the predictions.",
        description = {"Sends every row of a CSV file (with a header row) to feature-records for one model, waits for",
                "the scorer's predictions (read_committed) and writes them in row order, as CSV or JSON lines."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence predict --model house --csv test.csv                    # CSV on standard output",
                "  credence predict --model house --csv test.csv --id-column id --out predictions.jsonl",
                "  credence predict --model moons --csv grid.csv --features x1,x2 --samples 200 --timeout 2m",
                "  credence predict --model house --csv new.csv --format json --draws --samples 500 > draws.jsonl"})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "ID", description = "Model to score with.")
    String model;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
    Path csv;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN",
            description = "Feature columns, in order (default: every column but --id-column).")
    List<String> features = new ArrayList<>();

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "Column copied to the output's id (default: the row number, from 1).")
    String idColumn;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or json (JSON lines); default: from --out's extension, else csv.")
    String format;

    @Option(names = "--samples", paramLabel = "S", description = "Monte Carlo samples per prediction (default: the model spec's scoreSamples).")
    Integer samples;

    @Option(names = "--draws", description = "Also write each prediction's Monte Carlo draws (needs --format json): under "
            + "\"draws\", one {mean, noiseStd, classProbabilities} per posterior weight draw, --samples of them.")
    boolean draws;

    @Option(names = "--timeout", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for all predictions (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--topic", defaultValue = "feature-records", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--predictions-topic", defaultValue = "predictions", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String predictionsTopic;

    @Option(names = "--dlq-topic", defaultValue = "stream-scorer.dlq", paramLabel = "TOPIC",
            description = "The scorer's dead letters, watched for refused rows (default: ${DEFAULT-VALUE}).")
    String dlqTopic;

    @Override
    public Integer call() {
        PredictionTable table = PredictionTable.choose(format, out == null ? null : out.toString());
        if (draws && table != PredictionTable.JSON) {
            throw new CommandFailure("--draws needs --format json (or an --out file ending in .json or .jsonl): "
                    + "a CSV row has no place for the draws");
        }
        CsvTable csvTable = CsvTable.read(csv);
        if (csvTable.size() == 0) throw new CommandFailure(csv + " has a header but no data rows");
        List<Integer> columns = csvTable.columnsOrAllBut(features, idColumn == null ? List.of() : List.of(idColumn));
        Integer idIndex = idColumn == null ? null : csvTable.column(idColumn);
        List<double[]> rows = new ArrayList<>(csvTable.size());
        List<String> ids = new ArrayList<>(csvTable.size());
        for (int r = 0; r < csvTable.size(); r++) {
            rows.add(csvTable.numbers(r, columns));
            ids.add(idIndex == null ? Integer.toString(r + 1) : csvTable.text(r, idIndex));
        }
        List<Prediction> predictions;
        try (ScoringRound round = new ScoringRound(kafka.clientProperties(), kafka.wireFormat(), topic, predictionsTopic, dlqTopic)) {
            ProgressBar bar = ProgressBar.onStderr("predict " + model, rows.size());
            predictions = round.score(model, rows, samples, draws, timeout, bar::update);
            bar.finish();
        }
        if (out == null) {
            table.write(System.out, ids, predictions);
        } else {
            try (PrintStream file = new PrintStream(out.toFile(), StandardCharsets.UTF_8)) {
                table.write(file, ids, predictions);
            } catch (IOException e) {
                throw new CommandFailure("cannot write " + out + ": " + e.getMessage(), e);
            }
            System.err.println("wrote " + predictions.size() + " predictions to " + out);
        }
        return 0;
    }
}
