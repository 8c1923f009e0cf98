package io.credence.bench.drift;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * One way of weighting the KL on an unbounded stream ({@link ModelSpec#streamingMode()} and its two parameters).
 *
 * @param mode              EFFECTIVE_DATA_SIZE or POSTERIOR_AS_PRIOR
 * @param effectiveDataSize N of KL / N (and, for posterior-as-prior, records between prior refreshes)
 * @param tempering         posterior-as-prior variance widening at each refresh (1: none)
 */
public record DriftSetting(StreamingMode mode, long effectiveDataSize, double tempering) {

    /** {@code base} with this setting. */
    public ModelSpec apply(ModelSpec base) {
        return base.toBuilder().streaming(mode, effectiveDataSize, tempering).build();
    }

    /** e.g. {@code eds:10000} or {@code pap:1000:2} */
    public String label() {
        return mode == StreamingMode.EFFECTIVE_DATA_SIZE ? "eds:" + effectiveDataSize
                : "pap:" + effectiveDataSize + ":" + number(tempering);
    }

    /** In words, for the report. */
    public String describe() {
        return mode == StreamingMode.EFFECTIVE_DATA_SIZE
                ? String.format(Locale.ROOT, "fixed effective data size N = %,d", effectiveDataSize)
                : String.format(Locale.ROOT, "posterior as prior every %,d records, %s", effectiveDataSize,
                        tempering == 1 ? "no tempering" : "tempering " + number(tempering));
    }

    private static String number(double v) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    /** Parses {@link #label()}: {@code eds:N} or {@code pap:N:T}. */
    public static DriftSetting parse(String text) {
        String[] p = text.trim().split(":");
        if (p.length == 2 && p[0].equals("eds")) return new DriftSetting(StreamingMode.EFFECTIVE_DATA_SIZE, Long.parseLong(p[1]), 1.0);
        if (p.length == 3 && p[0].equals("pap")) {
            return new DriftSetting(StreamingMode.POSTERIOR_AS_PRIOR, Long.parseLong(p[1]), Double.parseDouble(p[2]));
        }
        throw new IllegalArgumentException("a setting is eds:N or pap:N:TEMPERING, got " + text);
    }
}
