package io.credence.bench.drift;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DriftBench} runs ({@link DriftCommand} sets it from the command line).
 *
 * @param records             stream length (a multiple of 32, the spec's batch)
 * @param changeAt            first record of the changed target (a multiple of 32)
 * @param window              records per window of the windowed NLL (a multiple of 32)
 * @param tolerance           nats per record above the pre-change level that count as recovered
 * @param stationaryTolerance nats per record a setting may lose on the stationary stream against the best setting and
 *                            still be recommended
 * @param seeds               streams per setting (seeds seed, seed + 1...), averaged
 * @param seed                first seed
 * @param settings            the settings compared
 * @param out                 directory of drift.csv, or null
 * @param markdown            report to merge the drift section into, or null
 */
public record DriftOptions(long records, long changeAt, int window, double tolerance, double stationaryTolerance, int seeds,
                           long seed, List<DriftSetting> settings, Path out, Path markdown) {
    /**
     * The default settings: three fixed effective data sizes, posterior-as-prior at two windows with and without
     * tempering, and the default N with one and four rehearsal steps after each batch.
     */
    public static final List<DriftSetting> SETTINGS = List.of(DriftSetting.parse("eds:1000"), DriftSetting.parse("eds:10000"),
            DriftSetting.parse("eds:100000"), DriftSetting.parse("pap:1000:1"), DriftSetting.parse("pap:1000:2"),
            DriftSetting.parse("pap:1000:10"), DriftSetting.parse("pap:10000:1"), DriftSetting.parse("pap:10000:2"),
            DriftSetting.parse("eds:10000+replay:1"), DriftSetting.parse("eds:10000+replay:4"));

    public DriftOptions {
        settings = List.copyOf(settings);
        if (records % 32 != 0 || changeAt % 32 != 0 || window % 32 != 0) {
            throw new IllegalArgumentException("records, change-at and window must be multiples of 32");
        }
        if (changeAt < window || changeAt + window > records) {
            throw new IllegalArgumentException("need a window before the change and one after it: records " + records
                    + ", change at " + changeAt + ", window " + window);
        }
        if (seeds < 1 || settings.isEmpty()) throw new IllegalArgumentException("need at least one seed and one setting");
    }

    /** The full run: 40 000 records, change at 20 000, 3 seeds, every default setting (about a minute). */
    public static DriftOptions fullRun() {
        return new DriftOptions(40_000, 20_000, 512, 0.1, 0.02, 3, 20240611L, SETTINGS, Path.of("docs", "drift"),
                Path.of("docs", "benchmarks.md"));
    }

    /** The quick run: 16 000 records, change at 8 000, 1 seed, nothing written unless asked. */
    public static DriftOptions quickRun() {
        return new DriftOptions(16_000, 8_000, 512, 0.1, 0.02, 1, 20240611L, SETTINGS, null, null);
    }

    /** The options as arguments (for the record). */
    public String asArguments() {
        return "--records " + records + " --change-at " + changeAt + " --window " + window + " --tolerance " + tolerance
                + " --stationary-tolerance " + stationaryTolerance + " --seeds " + seeds + " --seed " + seed + " --settings "
                + String.join(",", settings.stream().map(DriftSetting::label).toList());
    }
}
