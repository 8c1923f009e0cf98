package io.credence.bench.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.StringJoiner;

/** A small data set in the UCI layout: y = 3 x0 - 2 x1 + 10 + N(0, 0.2^2), target in the middle column. */
final class UciFixture {
    static final double NOISE = 0.2;

    private UciFixture() {}

    /** Writes {@code rows} rows and {@code splits} splits (test = every fifth row, shifted per split) under {@code dir}. */
    static Path write(Path dir, int rows, int splits, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            double x0 = r.nextGaussian(), x1 = 5 + 2 * r.nextGaussian();
            double y = 3 * x0 - 2 * x1 + 10 + NOISE * r.nextGaussian();
            data.append(String.format(java.util.Locale.ROOT, " %.6f  %.6f  %.6f%n", x0, y, x1));
        }
        data.append('\n'); // a trailing blank line, as some of the shared files have
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("data.txt"), data.toString());
        Files.writeString(dir.resolve("index_features.txt"), "0\n2\n");
        Files.writeString(dir.resolve("index_target.txt"), "1\n");
        Files.writeString(dir.resolve("n_splits.txt"), splits + "\n");
        for (int k = 0; k < splits; k++) {
            StringJoiner train = new StringJoiner("\n", "", "\n"), test = new StringJoiner("\n", "", "\n");
            for (int i = 0; i < rows; i++) ((i + k) % 5 == 0 ? test : train).add(String.valueOf(i));
            Files.writeString(dir.resolve("index_train_" + k + ".txt"), train.toString());
            Files.writeString(dir.resolve("index_test_" + k + ".txt"), test.toString());
        }
        return dir;
    }
}
