package io.credence.bench.e2e;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a soak run offers the apps and what it accepts as stable ({@link SoakCommand} sets it from the command line).
 *
 * @param minutes          how long the fixed-rate input runs
 * @param labeledRate      labeled records per second offered to the trainer
 * @param featureRate      feature records per second offered to the scorer
 * @param models           model ids the records are spread over (13-50-1, batch 32)
 * @param partitions       partitions of every topic
 * @param heap             -Xmx of both child JVMs (the launcher's default is {@value ChildApp#HEAP})
 * @param seed             seed of every record
 * @param memorySlopeLimit largest accepted growth of either app's resident memory and live heap over the second half, MiB/min
 * @param lagLimitSeconds  largest accepted consumer lag over the second half, in seconds of offered input
 * @param out              directory of soak.csv and soak-summary.md
 * @param logs             directory of the child JVMs' logs and GC logs
 */
public record SoakOptions(double minutes, double labeledRate, double featureRate, int models, int partitions, String heap,
                          long seed, double memorySlopeLimit, double lagLimitSeconds, Path out, Path logs) {
    public SoakOptions {
        if (!(minutes > 0)) throw new IllegalArgumentException("minutes must be > 0, got " + minutes);
        if (!(labeledRate > 0) || !(featureRate > 0)) throw new IllegalArgumentException("rates must be > 0");
        if (models < 1 || partitions < 1) throw new IllegalArgumentException("models and partitions must be >= 1");
        if (!(memorySlopeLimit > 0) || !(lagLimitSeconds > 0)) throw new IllegalArgumentException("limits must be > 0");
    }

    /**
     * The defaults for a run of {@code minutes} writing into {@code out}: 200 labeled and 200 feature records/s over
     * 10 models, 3 partitions, the launcher's heap, memory growth up to 2 MiB/min, lag up to 5 s of input.
     */
    public static SoakOptions of(double minutes, Path out) {
        return new SoakOptions(minutes, 200, 200, 10, 3, LauncherSettings.HEAP, E2eOptions.SEED, 2.0, 5.0, out, Path.of("target", "soak-logs"));
    }

    /** Largest accepted trainer lag, records. */
    public long trainerLagLimit() { return Math.round(lagLimitSeconds * labeledRate); }

    /** Largest accepted scorer lag, records. */
    public long scorerLagLimit() { return Math.round(lagLimitSeconds * featureRate); }

    /** The options as arguments (for the record). */
    public String asArguments() {
        return String.format(Locale.ROOT, "%s --labeled-rate %s --feature-rate %s --models %d --partitions %d --heap %s --seed %d "
                        + "--memory-slope-limit %s --lag-limit %s --out %s --logs %s", minutes, labeledRate, featureRate, models,
                partitions, heap, seed, memorySlopeLimit, lagLimitSeconds, out, logs);
    }
}
