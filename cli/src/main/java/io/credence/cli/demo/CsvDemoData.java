package io.credence.cli.demo;

import io.credence.bnn.spec.Task;
import io.credence.cli.CommandFailure;
import io.credence.cli.csv.CsvException;
import io.credence.cli.csv.CsvTable;
import io.credence.cli.csv.RowOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A user's CSV file read for {@code credence demo --csv}: numeric feature columns, the target (a number for
 * regression; for classification whole numbers 0..K-1 or any labels, numbered in sorted order), and a random split into
 * the rows streamed once for training and the rows held back for testing.
 *
 * @param task         regression or classification
 * @param featureNames the feature columns, in the order of the feature vectors
 * @param target       the target column
 * @param classNames   classification: the label of each class index; empty for regression
 * @param train        the training rows, in the random order they are streamed
 * @param test         the held-back rows
 */
public record CsvDemoData(Task task, List<String> featureNames, String target, List<String> classNames, Dataset train,
                          Dataset test) {

    /** Copies the lists. */
    public CsvDemoData {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
    }

    /**
     * Reads {@code table}.
     *
     * @param features     feature columns in order, or empty for every column but the target
     * @param testFraction share of the rows held back for testing, in (0, 1)
     * @param seed         seed of the split and of the training order
     * @throws CommandFailure naming the column and line of the first cell that is not numeric, or when too few rows
     *                        are left on either side of the split
     */
    public static CsvDemoData of(CsvTable table, String target, List<String> features, Task task, double testFraction,
                                 long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new CommandFailure("--test-fraction must lie in (0, 1), got " + testFraction);
        }
        int targetColumn = table.column(target);
        List<Integer> columns = table.columnsOrAllBut(features, List.of(target));
        if (columns.contains(targetColumn)) throw new CommandFailure("the target column \"" + target + "\" cannot also be a feature");
        int n = table.size();
        double[][] x = new double[n][];
        for (int r = 0; r < n; r++) {
            try {
                x[r] = table.numbers(r, columns);
            } catch (CsvException e) {
                throw new CommandFailure(e.getMessage() + ": every feature column must be numeric (name the numeric ones with --features)");
            }
        }
        List<String> classNames = task == Task.CLASSIFICATION ? classNames(table, targetColumn) : List.of();
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            try {
                y[r] = task == Task.CLASSIFICATION ? classNames.indexOf(table.text(r, targetColumn)) : table.number(r, targetColumn);
            } catch (CsvException e) {
                throw new CommandFailure(e.getMessage() + ": a regression target must be numeric (for classes, give --task classification)");
            }
        }
        int testRows = (int) Math.round(n * testFraction);
        if (testRows < 1 || n - testRows < 2) {
            throw new CommandFailure("the file has " + n + " data rows: too few to hold back " + testFraction
                    + " of them for testing and train on the rest");
        }
        int[] order = RowOrder.shuffled(n, new Random(seed));
        List<String> names = columns.stream().map(i -> table.columns().get(i)).toList();
        return new CsvDemoData(task, names, target, classNames, subset(x, y, order, testRows, n), subset(x, y, order, 0, testRows));
    }

    /**
     * The classes of the target column: 0..K-1 when every label is such a whole number (K = the largest + 1, so a class
     * absent from the file keeps its index), otherwise the distinct labels in sorted order.
     */
    private static List<String> classNames(CsvTable table, int column) {
        TreeSet<String> labels = new TreeSet<>();
        long largest = -1;
        boolean indexes = true;
        for (int r = 0; r < table.size(); r++) {
            String label = table.text(r, column);
            if (label.isEmpty()) throw table.cellError(r, column, "the class label is empty");
            labels.add(label);
            if (indexes && label.matches("0|[1-9][0-9]{0,5}")) largest = Math.max(largest, Long.parseLong(label));
            else indexes = false;
        }
        List<String> names = new ArrayList<>();
        if (indexes) {
            for (long k = 0; k <= largest; k++) names.add(Long.toString(k));
        } else {
            names.addAll(labels);
        }
        if (names.size() < 2) {
            throw new CommandFailure("the target column \"" + table.columns().get(column) + "\" has only one class ("
                    + names.get(0) + "): a classifier needs at least two");
        }
        return names;
    }

    private static Dataset subset(double[][] x, double[] y, int[] order, int from, int to) {
        double[][] sx = new double[to - from][];
        double[] sy = new double[to - from];
        for (int i = from; i < to; i++) {
            sx[i - from] = x[order[i]];
            sy[i - from] = y[order[i]];
        }
        return new Dataset(sx, sy);
    }

    /** Features per row. */
    public int features() {
        return featureNames.size();
    }

    /** Classes of a classifier (0 for regression). */
    public int classes() {
        return classNames.size();
    }
}
