package io.credence.cli.demo;

import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;

import java.util.List;

/**
 * Everything one demo run produced, as read back from Kafka: the data it streamed, the scorer's predictions and the
 * trainer's metrics over time.
 *
 * @param settings           the run's settings
 * @param sinTrain           the distinct sin-gap training points
 * @param sinGrid            x of the sin-gap grid over [-6, 6], [n][1]
 * @param sinGridPredictions predictions for {@code sinGrid}
 * @param fresh              fresh sin-gap points from the training range
 * @param freshPredictions   predictions for {@code fresh}
 * @param moonsTrain         the distinct two-moons training points
 * @param moonsGrid          the two-moons grid, [side * side][2]
 * @param moonsGridPredictions predictions for {@code moonsGrid}
 * @param moonsTest          fresh two-moons points
 * @param moonsTestPredictions predictions for {@code moonsTest}
 * @param sinHistory         the sin-gap model's training metrics, one per update
 * @param moonsHistory       the two-moons model's training metrics, one per update
 * @param counts             record counts of the run
 * @param seconds            wall-clock seconds from start to the last prediction
 */
public record DemoResult(DemoSettings settings, Dataset sinTrain, double[][] sinGrid, List<Prediction> sinGridPredictions,
                         Dataset fresh, List<Prediction> freshPredictions, Dataset moonsTrain, double[][] moonsGrid,
                         List<Prediction> moonsGridPredictions, Dataset moonsTest, List<Prediction> moonsTestPredictions,
                         List<TrainingMetrics> sinHistory, List<TrainingMetrics> moonsHistory, Counts counts,
                         double seconds) {

    /**
     * Record counts of one run.
     *
     * @param recordsProduced    labeled records acknowledged by the broker
     * @param recordsTrained     records the final snapshots have seen, both models
     * @param snapshotsPublished posterior snapshots on posterior-snapshots
     * @param featureRecordsSent feature records sent for scoring
     * @param predictionsEmitted predictions read back for them
     * @param dlqRecords         dead letters of both apps
     * @param sinVersion         version of the sin-gap snapshot that scored the grid
     * @param moonsVersion       version of the two-moons snapshot that scored the grid
     */
    public record Counts(long recordsProduced, long recordsTrained, long snapshotsPublished, long featureRecordsSent,
                         long predictionsEmitted, long dlqRecords, long sinVersion, long moonsVersion) {}
}
