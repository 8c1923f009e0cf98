package io.credence.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One benchmark figure: a measured value, the reference it is compared with and their ratio (above 1 means Credence is
 * faster for a throughput). The ratio is the median of per-repetition ratios, each Credence run against the reference
 * run beside it, so load that drifts between repetitions cancels. Nullable fields are written as JSON null.
 *
 * @param name      stable dotted name, e.g. {@code core.train.13-50-1.b32.reparam}
 * @param value     the median of the repetitions
 * @param unit      e.g. {@code examples/s}
 * @param reference the reference's median in the same unit, or null when there is none
 * @param ratio     median over repetitions of value / reference, or null
 * @param low       smallest repetition
 * @param high      largest repetition
 * @param ratioLow  smallest per-repetition ratio (each Credence run against the reference run beside it), or null
 * @param ratioHigh largest per-repetition ratio, or null
 * @param target    the ratio the project aims for, or null
 * @param note      what was measured, in words
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Figure(String name, double value, String unit, Double reference, Double ratio, double low, double high,
                     Double ratioLow, Double ratioHigh, Double target, String note) {

    /** A figure with no reference. */
    public static Figure alone(String name, Sample sample, String unit, String note) {
        return new Figure(name, sample.median(), unit, null, null, sample.min(), sample.max(), null, null, null, note);
    }

    /** A figure compared with {@code reference}, repetition by repetition. */
    public static Figure against(String name, Sample value, Sample reference, String unit, Double target, String note) {
        Sample ratios = value.dividedBy(reference);
        return new Figure(name, value.median(), unit, reference.median(), ratios.median(),
                value.min(), value.max(), ratios.min(), ratios.max(), target, note);
    }

    /** Whether the ratio reaches the target (true when there is no target). */
    public boolean meetsTarget() {
        return target == null || (ratio != null && ratio >= target);
    }
}
