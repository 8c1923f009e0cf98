package io.credence.cli.demo;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;
import io.credence.cli.CommandFailure;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.kafka.RecordSink;
import io.credence.cli.kafka.ScoringRound;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.codec.PosteriorCodec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code credence demo --csv} against a running pipeline: publishes the model's spec, streams the training rows once
 * in random order, waits for the snapshot that has seen them all and for the rehearsal after it, scores the held-back
 * rows (and, for one or two feature columns, a line along each) through feature-records and reads the predictions
 * back. Regression test labels are also scored in this process under the final snapshot with the scorer's seed and
 * samples, for the log-likelihood and the calibration curve the predictions alone cannot give; the predictive means
 * of both must agree.
 */
public final class CsvDemoRun {

    /** Points of each curve along a feature column. */
    static final int CURVE_POINTS = 200;

    private final CsvDemoData data;
    private final ModelSpec spec;
    private final DemoTarget target;
    private final Duration timeout;
    private final PrintStream console;
    private final long seed;
    private final long startNanos;

    /**
     * @param spec the model's spec: its features and classes match {@code data}
     * @param seed seed of the streaming order
     */
    public CsvDemoRun(CsvDemoData data, ModelSpec spec, DemoTarget target, Duration timeout, long seed,
                      PrintStream console, long startNanos) {
        this.data = data;
        this.spec = spec;
        this.target = target;
        this.timeout = timeout;
        this.seed = seed;
        this.console = console;
        this.startNanos = startNanos;
    }

    public CsvDemoResult run() {
        Map<String, Object> kafka = target.kafka();
        String model = spec.modelId();
        PipelineProbe probe = new PipelineProbe(target, timeout, console);
        try (RecordSink sink = new RecordSink(kafka); TrainingWatch watch = new TrainingWatch(kafka, target.format());
             TopicReader trainerDlq = PipelineProbe.fromNow(kafka, "stream-trainer.dlq");
             TopicReader scorerDlq = PipelineProbe.fromNow(kafka, "stream-scorer.dlq")) {
            probe.publishSpecs(sink, List.of(spec));
            long produced = produce(sink);
            if (produced != data.train().size()) {
                throw new CommandFailure("the broker acknowledged " + produced + " of " + data.train().size() + " labeled records");
            }
            PosteriorSnapshot last = probe.awaitTraining(watch, Map.of(model, produced)).get(model);
            try (ScoringRound round = new ScoringRound(kafka, target.format(), "feature-records", "predictions", "stream-scorer.dlq")) {
                probe.awaitScorer(round, model, last.getVersion(), data.train().x()[0]);
                long probes = round.sent();
                List<CsvDemoResult.Curve> lines = curves();
                ProgressBar bar = ProgressBar.onStderr("score (stream-scorer)",
                        data.test().size() + (long) lines.size() * CURVE_POINTS);
                List<Prediction> test = round.score(model, Arrays.asList(data.test().x()), null, timeout, bar::update);
                List<CsvDemoResult.Curve> curves = new ArrayList<>();
                for (CsvDemoResult.Curve c : lines) {
                    long before = round.sent() - probes;
                    List<Prediction> p = round.score(model, grid(c), null, timeout, n -> bar.update(before + n));
                    curves.add(new CsvDemoResult.Curve(c.column(), c.index(), c.x(), p));
                }
                bar.finish();
                watch.poll(Duration.ZERO);
                long emitted = test.size() + (long) curves.size() * CURVE_POINTS;
                CsvDemoResult.Counts counts = new CsvDemoResult.Counts(produced, last.getRecordsSeen(), watch.snapshots(model),
                        round.sent() - probes, emitted, PipelineProbe.count(trainerDlq) + PipelineProbe.count(scorerDlq),
                        last.getVersion());
                return new CsvDemoResult(data, spec, test, labelScores(last, test), curves, watch.history(model), counts,
                        (System.nanoTime() - startNanos) / 1e9);
            }
        }
    }

    private long produce(RecordSink sink) {
        ProgressBar bar = ProgressBar.onStderr("produce labeled-records", data.train().size());
        long before = sink.acknowledged(); // the spec
        DemoRun.send(sink, target.format(), spec.modelId(), data.train(), new Random(seed));
        sink.flush();
        bar.update(sink.acknowledged() - before);
        bar.finish();
        return sink.acknowledged() - before;
    }

    /** One line along each feature column when there are at most two, the other column at its training mean. */
    private List<CsvDemoResult.Curve> curves() {
        if (data.features() > 2) return List.of();
        List<CsvDemoResult.Curve> curves = new ArrayList<>();
        double[][] x = data.train().x();
        for (int j = 0; j < data.features(); j++) {
            final int column = j;
            double min = Arrays.stream(x).mapToDouble(r -> r[column]).min().orElseThrow();
            double max = Arrays.stream(x).mapToDouble(r -> r[column]).max().orElseThrow();
            double margin = Math.max(max - min, 1e-9) / 10;
            double[] line = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) line[i] = min - margin + (max - min + 2 * margin) * i / (CURVE_POINTS - 1);
            curves.add(new CsvDemoResult.Curve(data.featureNames().get(j), j, line, List.of()));
        }
        return curves;
    }

    private List<double[]> grid(CsvDemoResult.Curve curve) {
        double[] means = new double[data.features()];
        for (double[] row : data.train().x()) for (int j = 0; j < means.length; j++) means[j] += row[j] / data.train().size();
        List<double[]> rows = new ArrayList<>(curve.x().length);
        for (double v : curve.x()) {
            double[] row = means.clone();
            row[curve.index()] = v;
            rows.add(row);
        }
        return rows;
    }

    /** Regression: the test labels under the final snapshot, with the draws the scorer used; checked against it. */
    private List<Predictor.LabelScore> labelScores(PosteriorSnapshot last, List<Prediction> test) {
        if (spec.task() != Task.REGRESSION) return List.of();
        Prediction first = test.get(0);
        Predictor predictor = Predictor.of(PosteriorCodec.toCore(last), first.getSeed());
        Predictor.LabelScore[] scores = predictor.scoreLabels(data.test().x(), data.test().y(), first.getSamples());
        for (int i = 0; i < scores.length; i++) {
            Prediction p = test.get(i);
            if (p.getModelVersion() != last.getVersion() || p.getSeed() != first.getSeed()
                    || Math.abs(scores[i].mean() - p.getMean()) > 1e-9 * (1 + Math.abs(p.getMean()))) {
                throw new IllegalStateException("test row " + i + ": the scorer's prediction (version " + p.getModelVersion()
                        + ", mean " + p.getMean() + ") is not the final snapshot's (version " + last.getVersion()
                        + ", mean " + scores[i].mean() + ")");
            }
        }
        return List.of(scores);
    }
}
