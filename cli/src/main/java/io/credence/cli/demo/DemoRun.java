package io.credence.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.bnn.spec.ModelSpec;
import io.credence.cli.CommandFailure;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.kafka.RecordSink;
import io.credence.cli.kafka.ScoringRound;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.AvroCodecs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One demo run against a running pipeline ({@link LocalStack}, or a cluster with the apps already running): publishes both specs, streams both workloads (shuffled anew
 * each pass), waits for the snapshots that have seen every record, makes sure the scorer serves them, scores the
 * grids through feature-records and reads the predictions back.
 */
public final class DemoRun {

    private static final Duration POLL = Duration.ofMillis(200);

    private final DemoSettings settings;
    private final DemoTarget target;
    private final PrintStream console;
    private final long startNanos;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        try (RecordSink sink = new RecordSink(kafka); TrainingWatch watch = new TrainingWatch(kafka);
             TopicReader trainerDlq = fromNow(kafka, "stream-trainer.dlq");
             TopicReader scorerDlq = fromNow(kafka, "stream-scorer.dlq")) {
            publishSpecs(sink);
            long produced = produce(sink, sin, moons, random);
            PosteriorSnapshot[] finals = awaitTraining(watch, produced);
            try (ScoringRound round = new ScoringRound(kafka, "feature-records", "predictions", "stream-scorer.dlq")) {
                awaitScorer(round, settings.sinModel(), finals[0].getVersion(), new double[] {0});
                awaitScorer(round, settings.moonsModel(), finals[1].getVersion(), new double[] {0.5, 0.25});
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
                long trained = finals[0].getRecordsSeen() + finals[1].getRecordsSeen();
                DemoResult.Counts counts = new DemoResult.Counts(produced, trained, watch.snapshots(settings.sinModel(), settings.moonsModel()), sent, emitted,
                        count(trainerDlq) + count(scorerDlq), finals[0].getVersion(), finals[1].getVersion());
                return new DemoResult(settings, sin, sinGrid, sinP, fresh, freshP, moons, moonsGrid, moonsGridP,
                        moonsTest, moonsTestP, watch.history(settings.sinModel()), watch.history(settings.moonsModel()),
                        counts, (System.nanoTime() - startNanos) / 1e9);
            }
        }
    }

    /** Publishes both specs and waits until the trainer lists both models, so no record meets a default spec. */
    private void publishSpecs(RecordSink sink) {
        for (ModelSpec spec : List.of(settings.sinSpec(), settings.moonsSpec())) {
            sink.send("model-specs", spec.modelId(), AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec)));
        }
        sink.flush();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        for (String model : List.of(settings.sinModel(), settings.moonsModel())) {
            URI uri = URI.create(target.trainerUrl() + "/models/" + model);
            int status;
            while ((status = status(http, uri)) != 200) {
                if (status == 401 || status == 403) {
                    throw new CommandFailure("the trainer at " + target.trainerUrl() + " answered " + status
                            + ": give its bearer token with --http-token or CREDENCE_HTTP_BEARER_TOKEN");
                }
                if (System.nanoTime() > deadline) {
                    throw new CommandFailure("the trainer did not take the spec of " + model + " within "
                            + settings.timeout().toSeconds() + " s (see demo.log)");
                }
                pause();
            }
        }
        console.println("  specs of " + settings.sinModel() + " and " + settings.moonsModel() + " published to model-specs");
    }

    private int status(HttpClient http, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (target.httpToken() != null) request.header("Authorization", "Bearer " + target.httpToken());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not answering yet: the caller polls until its deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    /** Streams every pass of both workloads, interleaved by pass; returns the records acknowledged. */
    private long produce(RecordSink sink, Dataset sin, Dataset moons, Random random) {
        ProgressBar bar = ProgressBar.onStderr("produce labeled-records", settings.recordsToProduce());
        long before = sink.acknowledged(); // the specs
        for (int pass = 0; pass < Math.max(settings.sinPasses(), settings.moonsPasses()); pass++) {
            if (pass < settings.sinPasses()) send(sink, settings.sinModel(), sin, random);
            if (pass < settings.moonsPasses()) send(sink, settings.moonsModel(), moons, random);
            bar.update(sink.acknowledged() - before);
        }
        sink.flush();
        bar.update(sink.acknowledged() - before);
        bar.finish();
        return sink.acknowledged() - before;
    }

    private static void send(RecordSink sink, String model, Dataset data, Random random) {
        int[] order = permutation(data.size(), random);
        Instant now = Instant.now();
        for (int i : order) {
            List<Double> features = Arrays.stream(data.x()[i]).boxed().toList();
            LabeledRecord r = LabeledRecord.newBuilder().setModelId(model).setRecordId(null).setFeatures(features)
                    .setLabel(data.y()[i]).setEventTime(now).setWeight(null).build();
            sink.send("labeled-records", model, AvroCodecs.labeledRecord().encode(r));
        }
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Waits until each model's newest snapshot has seen all of its records; returns them (sin-gap, two-moons). */
    private PosteriorSnapshot[] awaitTraining(TrainingWatch watch, long produced) {
        long sinRecords = (long) settings.sinPasses() * settings.sinPoints();
        long moonsRecords = (long) settings.moonsPasses() * settings.moonsPoints();
        if (produced != sinRecords + moonsRecords) {
            throw new CommandFailure("the broker acknowledged " + produced + " of " + (sinRecords + moonsRecords) + " labeled records");
        }
        ProgressBar bar = ProgressBar.onStderr("train (stream-trainer)", produced);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            watch.poll(POLL);
            bar.update(watch.recordsTrained(settings.sinModel()) + watch.recordsTrained(settings.moonsModel()));
            PosteriorSnapshot s = watch.newest(settings.sinModel());
            PosteriorSnapshot m = watch.newest(settings.moonsModel());
            if (s != null && m != null && s.getRecordsSeen() == sinRecords && m.getRecordsSeen() == moonsRecords) {
                bar.finish();
                return awaitRehearsal(watch, deadline);
            }
            if (System.nanoTime() > deadline) {
                bar.finish();
                throw new CommandFailure("training did not finish within " + settings.timeout().toSeconds()
                        + " s: newest snapshots have seen " + seen(s) + " of " + sinRecords + " (sin-gap) and " + seen(m)
                        + " of " + moonsRecords + " (two-moons) records; see demo.log");
            }
        }
    }

    /**
     * Once the stream is quiet the trainer rehearses each model from its replay window until its replay budget is
     * spent, then publishes a final snapshot: waits for both (the trainer's GET /models/{id} shows the budget left).
     */
    private PosteriorSnapshot[] awaitRehearsal(TrainingWatch watch, long deadline) {
        List<String> models = List.of(settings.sinModel(), settings.moonsModel());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ProgressBar bar = null;
        double total = 0;
        while (true) {
            double left = 0;
            long[] versions = new long[models.size()];
            for (int i = 0; i < models.size(); i++) {
                JsonNode view = json(http, URI.create(target.trainerUrl() + "/models/" + models.get(i)));
                left += view.path("replayCredit").asDouble();
                versions[i] = view.path("version").asLong();
            }
            if (bar == null) {
                total = Math.max(left, 1);
                bar = ProgressBar.onStderr("rehearse (stream-trainer)", (long) total);
            }
            bar.update((long) (total - left));
            watch.poll(POLL);
            PosteriorSnapshot s = watch.newest(models.get(0)), m = watch.newest(models.get(1));
            if (left <= 0 && s.getVersion() >= versions[0] && m.getVersion() >= versions[1]) {
                bar.finish();
                return new PosteriorSnapshot[] {s, m};
            }
            if (System.nanoTime() > deadline) {
                bar.finish();
                throw new CommandFailure("rehearsal did not finish within " + settings.timeout().toSeconds()
                        + " s: " + (long) left + " rehearsal examples left; see demo.log");
            }
        }
    }

    private JsonNode json(HttpClient http, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (target.httpToken() != null) request.header("Authorization", "Bearer " + target.httpToken());
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CommandFailure("the trainer answered " + response.statusCode() + " for " + uri + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    private static long seen(PosteriorSnapshot s) {
        return s == null ? 0 : s.getRecordsSeen();
    }

    /** Probes until the scorer answers with the final snapshot (its global table may trail the topic briefly). */
    private void awaitScorer(ScoringRound round, String model, long version, double[] probe) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            Prediction p = round.score(model, List.of(probe), null, settings.timeout(), received -> { }).get(0);
            if (p.getModelVersion() >= version) return;
            if (System.nanoTime() > deadline) {
                throw new CommandFailure("the scorer still serves version " + p.getModelVersion() + " of " + model
                        + " instead of " + version + " after " + settings.timeout().toSeconds() + " s");
            }
        }
    }

    private List<Prediction> score(ScoringRound round, String model, double[][] rows, ProgressBar bar, long[] before) {
        long offset = before[0];
        List<Prediction> p = round.score(model, Arrays.asList(rows), null, settings.timeout(), n -> bar.update(offset + n));
        before[0] += rows.length;
        return p;
    }

    private static TopicReader fromNow(Map<String, Object> kafka, String topic) {
        TopicReader reader = new TopicReader(kafka, topic);
        reader.seek(reader.endOffsets());
        return reader;
    }

    /** Records written to the reader's topic since it was opened. */
    private static long count(TopicReader reader) {
        long count = 0;
        while (!reader.atEnd()) count += reader.poll(POLL).size();
        return count;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // polling interval of a condition with a deadline, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }
}
