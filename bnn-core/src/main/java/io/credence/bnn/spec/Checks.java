package io.credence.bnn.spec;

/** Argument checks shared by the spec records; each failure names the setting and the value. */
final class Checks {
    private Checks() {}

    static void finite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
    }

    static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
    }

    static void atLeast(String name, long v, long min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }

    static void atMost(String name, long v, long max) {
        if (v > max) throw new IllegalArgumentException(name + " must be <= " + max + ", got " + v);
    }
}
