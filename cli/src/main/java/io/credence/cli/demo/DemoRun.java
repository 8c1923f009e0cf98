package io.credence.cli.demo;

import io.credence.schemas.serde.WireFormat;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.cli.CommandFailure;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.csv.RowOrder;
import io.credence.cli.kafka.RecordSink;
import io.credence.cli.kafka.ScoringRound;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.serde.AvroCodecs;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One demo run against a running pipeline ({@link io.credence.kit.LocalStack}, or a cluster with the apps already running): publishes both specs, streams both workloads (shuffled anew
 * each pass), waits for the snapshots that have seen every record, makes sure the scorer serves them, scores the
 * grids through feature-records and reads the predictions back.
 */
public final class DemoRun {

    private final DemoSettings settings;
    private final DemoTarget target;
    private final PrintStream console;
    private final long startNanos;

    public DemoRun(DemoSettings settings, DemoTarget target, PrintStream console, long startNanos) {
        this.settings = settings;
        this.target = target;
        this.console = console;
        this.startNanos = startNanos;
    }

    public DemoResult run() {
        Map<String, Object> kafka = target.kafka();
        Random random = new Random(settings.seed());
        Dataset sin = SinGap.sample(settings.sinPoints(), random);
        Dataset moons = TwoMoons.sample(settings.moonsPoints(), random);
        PipelineProbe probe = new PipelineProbe(target, settings.timeout(), console);
        try (RecordSink sink = new RecordSink(kafka); TrainingWatch watch = new TrainingWatch(kafka, target.format());
             TopicReader trainerDlq = PipelineProbe.fromNow(kafka, "stream-trainer.dlq");
             TopicReader scorerDlq = PipelineProbe.fromNow(kafka, "stream-scorer.dlq")) {
            probe.publishSpecs(sink, List.of(settings.sinSpec(), settings.moonsSpec()));
            long produced = produce(sink, sin, moons, random);
            long sinRecords = (long) settings.sinPasses() * settings.sinPoints();
            long moonsRecords = (long) settings.moonsPasses() * settings.moonsPoints();
            if (produced != sinRecords + moonsRecords) {
                throw new CommandFailure("the broker acknowledged " + produced + " of " + (sinRecords + moonsRecords) + " labeled records");
            }
            Map<String, PosteriorSnapshot> finals = probe.awaitTraining(watch,
                    Map.of(settings.sinModel(), sinRecords, settings.moonsModel(), moonsRecords));
            PosteriorSnapshot sinFinal = finals.get(settings.sinModel());
            PosteriorSnapshot moonsFinal = finals.get(settings.moonsModel());
            try (ScoringRound round = new ScoringRound(kafka, target.format(), "feature-records", "predictions", "stream-scorer.dlq")) {
                probe.awaitScorer(round, settings.sinModel(), sinFinal.getVersion(), new double[] {0});
                probe.awaitScorer(round, settings.moonsModel(), moonsFinal.getVersion(), new double[] {0.5, 0.25});
                long probes = round.sent();
                double[][] sinGrid = SinGap.grid(DemoSettings.SIN_X_MIN, DemoSettings.SIN_X_MAX, settings.sinGridPoints());
                Dataset fresh = SinGap.sample(settings.freshPoints(), new Random(settings.seed() + 1));
                double[][] moonsGrid = TwoMoons.grid(settings.moonsGridSide());
                Dataset moonsTest = TwoMoons.sample(settings.moonsTestPoints(), new Random(settings.seed() + 2));
                ProgressBar bar = ProgressBar.onStderr("score grids", settings.featureRecords());
                long[] before = {0};
                List<Prediction> sinP = score(round, settings.sinModel(), sinGrid, bar, before);
                List<Prediction> freshP = score(round, settings.sinModel(), fresh.x(), bar, before);
                List<Prediction> moonsGridP = score(round, settings.moonsModel(), moonsGrid, bar, before);
                List<Prediction> moonsTestP = score(round, settings.moonsModel(), moonsTest.x(), bar, before);
                bar.finish();
                watch.poll(Duration.ZERO);
                long sent = round.sent() - probes;
                long emitted = sinP.size() + freshP.size() + moonsGridP.size() + moonsTestP.size();
                long trained = sinFinal.getRecordsSeen() + moonsFinal.getRecordsSeen();
                DemoResult.Counts counts = new DemoResult.Counts(produced, trained, watch.snapshots(settings.sinModel(), settings.moonsModel()), sent, emitted,
                        PipelineProbe.count(trainerDlq) + PipelineProbe.count(scorerDlq), sinFinal.getVersion(), moonsFinal.getVersion());
                return new DemoResult(settings, sin, sinGrid, sinP, fresh, freshP, moons, moonsGrid, moonsGridP,
                        moonsTest, moonsTestP, watch.history(settings.sinModel()), watch.history(settings.moonsModel()),
                        counts, (System.nanoTime() - startNanos) / 1e9);
            }
        }
    }

    /** Streams every pass of both workloads, interleaved by pass; returns the records acknowledged. */
    private long produce(RecordSink sink, Dataset sin, Dataset moons, Random random) {
        ProgressBar bar = ProgressBar.onStderr("produce labeled-records", settings.recordsToProduce());
        long before = sink.acknowledged(); // the specs
        for (int pass = 0; pass < Math.max(settings.sinPasses(), settings.moonsPasses()); pass++) {
            if (pass < settings.sinPasses()) send(sink, target.format(), settings.sinModel(), sin, random);
            if (pass < settings.moonsPasses()) send(sink, target.format(), settings.moonsModel(), moons, random);
            bar.update(sink.acknowledged() - before);
        }
        sink.flush();
        bar.update(sink.acknowledged() - before);
        bar.finish();
        return sink.acknowledged() - before;
    }

    /**
     * Sends every example of {@code data} once, in an order drawn from {@code random}, as labeled records of
     * {@code model} framed in {@code format}.
     */
    static void send(RecordSink sink, WireFormat format, String model, Dataset data, Random random) {
        int[] order = RowOrder.shuffled(data.size(), random);
        Instant now = Instant.now();
        for (int i : order) {
            List<Double> features = Arrays.stream(data.x()[i]).boxed().toList();
            LabeledRecord r = LabeledRecord.newBuilder().setModelId(model).setRecordId(null).setFeatures(features)
                    .setLabel(data.y()[i]).setEventTime(now).setWeight(null).build();
            sink.send("labeled-records", model, format.encode("labeled-records", AvroCodecs.labeledRecord(), r));
        }
    }

    private List<Prediction> score(ScoringRound round, String model, double[][] rows, ProgressBar bar, long[] before) {
        long offset = before[0];
        List<Prediction> p = round.score(model, Arrays.asList(rows), null, settings.timeout(), n -> bar.update(offset + n));
        before[0] += rows.length;
        return p;
    }
}
