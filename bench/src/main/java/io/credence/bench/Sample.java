package io.credence.bench;

import java.util.Arrays;

/** The repetitions of one measurement, in the order they were taken. */
public record Sample(double[] values) {
    public Sample {
        if (values.length == 0) throw new IllegalArgumentException("a sample needs at least one repetition");
        values = values.clone();
    }

    public static Sample of(double... values) {
        return new Sample(values);
    }

    public double median() {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public double min() { return Arrays.stream(values).min().orElseThrow(); }
    public double max() { return Arrays.stream(values).max().orElseThrow(); }
    public int size() { return values.length; }

    /** Repetition i of this over repetition i of {@code other} (same number of repetitions). */
    public Sample dividedBy(Sample other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("cannot pair " + values.length + " repetitions with " + other.values.length);
        }
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) r[i] = values[i] / other.values[i];
        return new Sample(r);
    }

    @Override public double[] values() { return values.clone(); }
}
