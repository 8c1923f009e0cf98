package io.credence.bench.e2e;

import io.credence.schemas.serde.WireFormat;
import io.credence.bench.ReferenceResult;
import io.credence.bench.ReferenceRunner;
import io.credence.scorer.ScorerApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scorer throughput end to end through the broker: snapshots published, feature records already in the topic, scored
 * by a stream-scorer in this JVM until every prediction is visible, against a pass-through of the same topic and the
 * PyTorch reference's scoring rate for the same network, sample count, batch and threads, run beside it.
 */
public final class ScorerThroughput {
    /**
     * One scorer workload.
     *
     * @param models  model ids the records are spread over, each with its own snapshot
     * @param hidden  hidden widths
     * @param samples Monte Carlo draws per prediction (the snapshots' scoreSamples)
     * @param batch   records per scoring micro-batch (credence.scorer.batch-size; the reference's --score-batch)
     * @param shape   guarantee, partitions, threads
     * @param records feature records
     */
    public record Case(int models, List<Integer> hidden, int samples, int batch, StreamsShape shape, int records) {
        public Case {
            hidden = List.copyOf(hidden);
            if (models < 1 || samples < 1 || batch < 1 || records < 1) {
                throw new IllegalArgumentException("models, samples, batch and records must be >= 1");
            }
        }

        /** e.g. 13-50-1 */
        public String network() {
            StringBuilder s = new StringBuilder().append(TrainerThroughput.FEATURES);
            hidden.forEach(h -> s.append('-').append(h));
            return s.append("-1").toString();
        }

        /** e.g. 13-50-1 S=100 b64 x1 eos.p3.t1, 20000 records */
        public String describe() {
            return network() + " S=" + samples + " b" + batch + " x" + models + " model(s) " + shape.key() + ", " + records + " records";
        }

        /** Arguments of the reference run that scores this case's network the same way. */
        List<String> referenceArguments(long seed) {
            // The reference scores the last tenth of its synthetic rows: ten times our records, at least 2048 of them.
            int rows = 10 * Math.max(records, 2048);
            List<String> args = new ArrayList<>(List.of("--synthetic", String.valueOf(rows), String.valueOf(TrainerThroughput.FEATURES),
                    "--hidden", String.join(",", hidden.stream().map(String::valueOf).toList()), "--epochs", "1", "--batch", "256",
                    "--score-samples", String.valueOf(samples), "--score-batch", String.valueOf(batch),
                    "--threads", String.valueOf(shape.threads()), "--seed", String.valueOf(seed)));
            return List.copyOf(args);
        }
    }

    /**
     * The rates of one repetition.
     *
     * @param scorer      predictions per second
     * @param passThrough records copied per second by the pass-through on the same input
     * @param reference   the PyTorch reference's scored examples per second, or NaN when it is not available (no
     *                    reference given, or it could not run: no python3 with torch)
     */
    public record Result(double scorer, double passThrough, double reference) {}

    private final E2eContext context;
    private final ReferenceRunner reference;

    /** @param reference the PyTorch reference, or null to measure without it */
    public ScorerThroughput(E2eContext context, ReferenceRunner reference) {
        this.context = context;
        this.reference = reference;
    }

    /** Predictions per second on {@code c}'s input in fresh topics, every record framed as {@code framing} says. */
    public double scorer(Case c, Framing framing) throws InterruptedException {
        double rate = scorer(withInput(c, framing.format()), c, framing);
        context.log("  %-50s scorer %,9.0f pred/s (%s)", c.describe(), rate, framing.format().describe());
        return rate;
    }

    /** Measures {@code c} once; {@code passThroughFirst} alternates the order across repetitions. */
    public Result measure(Case c, boolean passThroughFirst) throws InterruptedException {
        Pipeline p = withInput(c, WireFormat.singleObject());
        double scorer = 0, passThrough = 0;
        for (int side = 0; side < 2; side++) {
            if ((side == 0) == passThroughFirst) {
                passThrough = Throughput.measure(context, () -> RunningApp.of(PassThroughTopology.start(context.bootstrap(),
                                p.passThroughApplicationId(), p.topics().featureRecords(), p.passThroughOut(), c.shape(),
                                context.stateDir(p.prefix() + "pass-through"))),
                        p.passThroughOut(), value -> 1, c.records(), c.shape().guarantee().transactional());
            } else {
                scorer = scorer(p, c, Framing.singleObject());
            }
        }
        double torch = Double.NaN;
        if (reference != null) {
            try {
                ReferenceResult r = reference.run(c.referenceArguments(context.seed()));
                torch = r.scorePerSecond();
            } catch (ReferenceRunner.ReferenceUnavailable e) {
                context.log("  PyTorch reference unavailable, no reference ratio: %s", e.getMessage());
            }
        }
        context.log("  %-50s scorer %,9.0f pred/s   pass-through %,9.0f rec/s   ratio %.3f%s", c.describe(), scorer, passThrough,
                scorer / passThrough, Double.isNaN(torch) ? "" : String.format(Locale.ROOT, "   reference %,9.0f ex/s   ratio %.3f", torch, scorer / torch));
        return new Result(scorer, passThrough, torch);
    }

    /** Fresh topics holding a snapshot of each of {@code c}'s models and its feature records, framed in {@code format}. */
    private Pipeline withInput(Case c, WireFormat format) {
        Pipeline p = context.newPipeline(c.shape().partitions());
        TrainedPosterior posterior = TrainedPosterior.train(TrainerThroughput.FEATURES, c.hidden(), c.samples(), context.seed());
        try (InputFeed feed = new InputFeed(context.bootstrap(), format)) {
            for (int m = 0; m < c.models(); m++) feed.snapshot(p.topics().posteriorSnapshots(), posterior.snapshot(InputFeed.modelId(m), 1));
            feed.features(p.topics().featureRecords(), c.records(), c.models(), new RowSource(TrainerThroughput.FEATURES, context.seed()));
        }
        return p;
    }

    private double scorer(Pipeline p, Case c, Framing framing) throws InterruptedException {
        var config = p.scorer(context.bootstrap(), context.stateDir(p.prefix() + "scorer"), c.shape(), c.batch());
        config.putAll(framing.appSettings());
        return Throughput.measure(context, () -> RunningApp.of(ScorerApp.start(config)), p.topics().predictions(),
                value -> 1, c.records(), c.shape().guarantee().transactional());
    }
}
