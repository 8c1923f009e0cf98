package io.credence.cli.csv;

import java.util.Random;

/** The order in which rows are streamed. */
public final class RowOrder {

    private RowOrder() {}

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates), drawn from {@code random}. */
    public static int[] shuffled(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
