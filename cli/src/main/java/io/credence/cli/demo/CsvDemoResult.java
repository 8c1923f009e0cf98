package io.credence.cli.demo;

import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;

import java.util.List;

/**
 * Everything one {@code credence demo --csv} run produced, as read back from Kafka.
 *
 * @param data            the file's rows, split into training and test rows
 * @param spec            the spec the model was trained under
 * @param testPredictions the scorer's predictions of the test rows, row for row
 * @param testScores      regression: each test label under the final snapshot's predictive, scored in this process
 *                        with the scorer's seed and samples (log density, predictive CDF); empty for classification
 * @param curves          for a file with one or two feature columns: predictions along each column
 * @param history         the model's training metrics, one per update
 * @param counts          record counts of the run
 * @param seconds         wall-clock seconds from start to the last prediction
 */
public record CsvDemoResult(CsvDemoData data, ModelSpec spec, List<Prediction> testPredictions,
                            List<Predictor.LabelScore> testScores, List<Curve> curves, List<TrainingMetrics> history,
                            Counts counts, double seconds) {

    /** Copies the lists. */
    public CsvDemoResult {
        testPredictions = List.copyOf(testPredictions);
        testScores = List.copyOf(testScores);
        curves = List.copyOf(curves);
        history = List.copyOf(history);
    }

    /**
     * Predictions along one feature column, the others held at their training means.
     *
     * @param column      the column's name
     * @param index       its index in the feature vector
     * @param x           the column's values, spanning the training range and a tenth of it on each side
     * @param predictions the scorer's predictions there
     */
    public record Curve(String column, int index, double[] x, List<Prediction> predictions) {}

    /**
     * Record counts of one run.
     *
     * @param recordsProduced    labeled records acknowledged by the broker
     * @param recordsTrained     records the final snapshot has seen
     * @param snapshotsPublished posterior snapshots of the model
     * @param featureRecordsSent feature records sent for scoring
     * @param predictionsEmitted predictions read back for them
     * @param dlqRecords         dead letters of both apps during the run
     * @param version            version of the snapshot that scored the test rows
     */
    public record Counts(long recordsProduced, long recordsTrained, long snapshotsPublished, long featureRecordsSent,
                         long predictionsEmitted, long dlqRecords, long version) {}
}
