package io.credence.bench.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a soak run offers the apps and what it accepts as stable.
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
    /** The command-line synopsis of {@link #parse}. */
    public static final String USAGE = "MINUTES [--labeled-rate R] [--feature-rate R] [--models M] [--partitions P] [--heap SIZE] "
            + "[--seed S] [--memory-slope-limit MIB_PER_MIN] [--lag-limit SECONDS] [--out DIR] [--logs DIR]";

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
        return new SoakOptions(minutes, 200, 200, 10, 3, ChildApp.HEAP, E2eOptions.SEED, 2.0, 5.0, out, Path.of("target", "soak-logs"));
    }

    /** Largest accepted trainer lag, records. */
    public long trainerLagLimit() { return Math.round(lagLimitSeconds * labeledRate); }

    /** Largest accepted scorer lag, records. */
    public long scorerLagLimit() { return Math.round(lagLimitSeconds * featureRate); }

    /** The options {@code args} ask for: the minutes first, then overrides; output in docs/soak unless --out. */
    public static SoakOptions parse(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("--")) throw new IllegalArgumentException("the number of minutes comes first");
        SoakOptions d = of(Double.parseDouble(args.get(0)), Path.of("docs", "soak"));
        double minutes = d.minutes, labeledRate = d.labeledRate, featureRate = d.featureRate, slope = d.memorySlopeLimit, lag = d.lagLimitSeconds;
        int models = d.models, partitions = d.partitions;
        String heap = d.heap;
        long seed = d.seed;
        Path out = d.out, logs = d.logs;
        for (int i = 1; i < args.size(); i += 2) {
            String a = args.get(i);
            if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
            String v = args.get(i + 1);
            switch (a) {
                case "--labeled-rate" -> labeledRate = Double.parseDouble(v);
                case "--feature-rate" -> featureRate = Double.parseDouble(v);
                case "--models" -> models = Integer.parseInt(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--heap" -> heap = v;
                case "--seed" -> seed = Long.parseLong(v);
                case "--memory-slope-limit" -> slope = Double.parseDouble(v);
                case "--lag-limit" -> lag = Double.parseDouble(v);
                case "--out" -> out = Path.of(v);
                case "--logs" -> logs = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new SoakOptions(minutes, labeledRate, featureRate, models, partitions, heap, seed, slope, lag, out, logs);
    }

    /** The options as arguments (for the record). */
    public String asArguments() {
        return String.format(Locale.ROOT, "%s --labeled-rate %s --feature-rate %s --models %d --partitions %d --heap %s --seed %d "
                        + "--memory-slope-limit %s --lag-limit %s --out %s --logs %s", minutes, labeledRate, featureRate, models,
                partitions, heap, seed, memorySlopeLimit, lagLimitSeconds, out, logs);
    }
}
