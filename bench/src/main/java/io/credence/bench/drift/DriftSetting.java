package io.credence.bench.drift;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * One way of weighting the KL on an unbounded stream ({@link ModelSpec#streamingMode()} and its two parameters), and
 * how many rehearsal steps from the replay window follow each mini-batch.
 *
 * @param mode              EFFECTIVE_DATA_SIZE or POSTERIOR_AS_PRIOR
 * @param effectiveDataSize N of KL / N (and, for posterior-as-prior, records between prior refreshes)
 * @param tempering         posterior-as-prior variance widening at each refresh (1: none)
 * @param replaySteps       rehearsal steps after each mini-batch (0: none; the window holds the last N records)
 */
public record DriftSetting(StreamingMode mode, long effectiveDataSize, double tempering, int replaySteps) {

    /** {@code base} with this setting. */
    public ModelSpec apply(ModelSpec base) {
        return base.toBuilder().streaming(s -> s.withStreaming(mode, effectiveDataSize, tempering)
                .withReplaySteps(replaySteps)).build();
    }

    /** e.g. {@code eds:10000}, {@code eds:10000+replay:1} or {@code pap:1000:2} */
    public String label() {
        String kl = mode == StreamingMode.EFFECTIVE_DATA_SIZE ? "eds:" + effectiveDataSize
                : "pap:" + effectiveDataSize + ":" + number(tempering);
        return replaySteps == 0 ? kl : kl + "+replay:" + replaySteps;
    }

    /** In words, for the report. */
    public String describe() {
        String kl = mode == StreamingMode.EFFECTIVE_DATA_SIZE
                ? String.format(Locale.ROOT, "fixed effective data size N = %,d", effectiveDataSize)
                : String.format(Locale.ROOT, "posterior as prior every %,d records, %s", effectiveDataSize,
                        tempering == 1 ? "no tempering" : "tempering " + number(tempering));
        return replaySteps == 0 ? kl : kl + String.format(Locale.ROOT, ", %d rehearsal step%s after each batch", replaySteps,
                replaySteps == 1 ? "" : "s");
    }

    private static String number(double v) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    /** Parses {@link #label()}: {@code eds:N} or {@code pap:N:T}, optionally followed by {@code +replay:K}. */
    public static DriftSetting parse(String text) {
        String[] parts = text.trim().split("\\+");
        int replay = 0;
        if (parts.length == 2 && parts[1].startsWith("replay:")) replay = Integer.parseInt(parts[1].substring("replay:".length()));
        else if (parts.length != 1) throw new IllegalArgumentException("a setting is eds:N or pap:N:TEMPERING, then optionally +replay:K, got " + text);
        String[] p = parts[0].split(":");
        if (p.length == 2 && p[0].equals("eds")) return new DriftSetting(StreamingMode.EFFECTIVE_DATA_SIZE, Long.parseLong(p[1]), 1.0, replay);
        if (p.length == 3 && p[0].equals("pap")) {
            return new DriftSetting(StreamingMode.POSTERIOR_AS_PRIOR, Long.parseLong(p[1]), Double.parseDouble(p[2]), replay);
        }
        throw new IllegalArgumentException("a setting is eds:N or pap:N:TEMPERING, then optionally +replay:K, got " + text);
    }
}
