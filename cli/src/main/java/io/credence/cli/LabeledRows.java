package io.credence.cli;

import io.credence.bnn.spec.Task;
import io.credence.cli.csv.CsvTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file read as labeled examples: checked feature vectors and labels (a whole class index for
 * classification), every problem reported with its line and column.
 */
final class LabeledRows {

    private final CsvTable table;
    private final List<Integer> featureColumns;
    private final Integer idColumn;
    private final List<List<Double>> features;
    private final double[] labels;
    private final int targetColumn;
    private final boolean classification;

    private LabeledRows(CsvTable table, List<Integer> featureColumns, Integer idColumn, List<List<Double>> features,
                        double[] labels, int targetColumn, boolean classification) {
        this.table = table;
        this.targetColumn = targetColumn;
        this.classification = classification;
        this.featureColumns = featureColumns;
        this.idColumn = idColumn;
        this.features = features;
        this.labels = labels;
    }

    /**
     * Reads every row of {@code table}.
     *
     * @param featureNames feature columns in order, or empty for all but the target and id columns
     * @throws io.credence.cli.csv.CsvException at the first cell that is not a valid feature or label
     */
    static LabeledRows of(CsvTable table, String target, List<String> featureNames, String idColumnName, Task task) {
        int targetColumn = table.column(target);
        Integer idColumn = idColumnName == null ? null : table.column(idColumnName);
        List<String> excluded = idColumnName == null ? List.of(target) : List.of(target, idColumnName);
        List<Integer> featureColumns = table.columnsOrAllBut(featureNames, excluded);
        if (featureColumns.contains(targetColumn)) {
            throw new CommandFailure("the target column \"" + target + "\" cannot also be a feature");
        }
        List<List<Double>> features = new ArrayList<>(table.size());
        double[] labels = new double[table.size()];
        for (int r = 0; r < table.size(); r++) {
            List<Double> row = new ArrayList<>(featureColumns.size());
            for (double v : table.numbers(r, featureColumns)) row.add(v);
            features.add(row);
            double label = table.number(r, targetColumn);
            if (task == Task.CLASSIFICATION) {
                if (label < 0 || label != Math.rint(label)) {
                    throw table.cellError(r, targetColumn, "a class label must be a whole number 0, 1, 2..., got " + table.text(r, targetColumn));
                }
            }
            labels[r] = label;
        }
        if (table.size() == 0) throw new CommandFailure("the CSV file has a header but no data rows");
        return new LabeledRows(table, featureColumns, idColumn, features, labels, targetColumn, task == Task.CLASSIFICATION);
    }

    /** Classification: the largest class index + 1; 0 for regression. */
    int classes() {
        if (!classification) return 0;
        double largest = 0;
        for (double label : labels) largest = Math.max(largest, label);
        return (int) largest + 1;
    }

    /** The error of the first row whose class is out of range for a spec with {@code classes} classes, or null. */
    String classError(int classes) {
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] >= classes) {
                return table.cellError(r, targetColumn, "class " + (long) labels[r] + " is out of range: the spec has "
                        + classes + " classes (0.." + (classes - 1) + ")").getMessage();
            }
        }
        return null;
    }

    /** Rows read. */
    int size() {
        return labels.length;
    }

    /** Features per row. */
    int featureCount() {
        return featureColumns.size();
    }

    /** The feature columns' names, in order. */
    List<String> featureNames() {
        return featureColumns.stream().map(i -> table.columns().get(i)).toList();
    }

    /** The features of row {@code i}. */
    List<Double> features(int i) {
        return features.get(i);
    }

    /** The label of row {@code i}. */
    double label(int i) {
        return labels[i];
    }

    /** The id of row {@code i}, or null without an id column. */
    String id(int i) {
        return idColumn == null ? null : table.text(i, idColumn);
    }
}
