package io.credence.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;
import io.credence.kit.AppOutput;
import io.credence.kit.Http;
import io.credence.kit.LocalStack;
import io.credence.kit.RecordFeed;
import io.credence.kit.TopicTail;
import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The UCI protocol through the real pipeline: for each split, the model's spec goes to {@code model-specs}, the
 * training rows, sent N times in the split's order ({@link UciEvaluation#streamOrder}), go to {@code labeled-records},
 * the evaluation waits for the posterior snapshot the trainer publishes once it has learned all of them and then
 * rehearsed until its replay budget was spent, and for the scorer to load it, then sends the test rows to
 * {@code feature-records} and reads their {@code predictions}. RMSE and coverage come from the predictions; the test
 * log-likelihood is the predictive mixture's, recomputed from the same snapshot with the prediction's seed (the scorer
 * is deterministic in snapshot, seed, input and S, which is checked by matching every predicted mean). Meanwhile an
 * in-process learner fed the same replay trains on a thread of its own, and the streamed snapshot must match it.
 */
public final class StreamsEvaluation implements AutoCloseable {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);
    /** Pause between two looks at a condition the pipeline will meet: the tails fill the maps meanwhile. */
    private static final Duration POLL = Duration.ofMillis(200);
    private final LocalStack stack;
    private final RecordFeed feed;
    /** The newest snapshot of each model, kept by the snapshots' tail. */
    private final Map<String, PosteriorSnapshot> newest = new ConcurrentHashMap<>();
    /** Every prediction by request id, kept by the predictions' tail. */
    private final Map<String, Prediction> predicted = new ConcurrentHashMap<>();
    private final TopicTail snapshots;
    private final TopicTail predictions;
    /** Trains each split's in-process replica beside the pipeline (not on the common pool, which the learners use). */
    private final ExecutorService replicas = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "in-process-replica");
        t.setDaemon(true);
        return t;
    });
    private double lastParameterDifference = Double.NaN;

    private StreamsEvaluation(LocalStack stack) {
        this.stack = stack;
        this.feed = new RecordFeed(stack.bootstrapServers());
        SnapshotAssembler parts = new SnapshotAssembler(WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot()));
        this.snapshots = new TopicTail(stack.bootstrapServers(), "posterior-snapshots", true, (r, observed) -> {
            if (r.value() == null) return;
            Optional<SnapshotAssembler.Whole> whole = AppOutput.decode(r, () -> parts.accept(r.value()));
            if (whole.isEmpty()) return; // a part of a snapshot not yet whole
            PosteriorSnapshot s = whole.get().snapshot();
            newest.merge(s.getModelId(), s, (old, now) -> now.getVersion() > old.getVersion() ? now : old);
        });
        this.predictions = new TopicTail(stack.bootstrapServers(), "predictions", true, (r, observed) -> {
            Prediction p = AppOutput.decode(r, () -> AvroCodecs.prediction().decode(r.value()));
            predicted.put(p.getRequestId(), p);
        });
    }

    /** Starts an embedded broker, the trainer and the scorer. */
    public static StreamsEvaluation start() {
        return new StreamsEvaluation(LocalStack.start(TrainerApp::start, ScorerApp::start));
    }

    /** Evaluates splits 0..options.splits()-1 of {@code data} through the pipeline, one line per split to {@code log}. */
    public EvalResult run(UciDataset data, EvalOptions options, PrintStream log) {
        ModelSpec template = options.spec() != null ? options.spec() : EvalDefaults.spec(data.features());
        List<SplitResult> results = new ArrayList<>();
        JsonNode firstSpec = null;
        for (int k = 0; k < options.splits(); k++) {
            UciDataset.Split split = data.split(k);
            if (options.validation()) split = split.validation(EvalOptions.VALIDATION_FRACTION);
            String model = data.name() + (options.validation() ? "-validation-" : "-split-") + k;
            ModelSpec spec = UciEvaluation.splitSpec(template, data.name(), data.features(), split.trainX().length,
                    GaussianSource.mix(options.seed(), k)).toBuilder().modelId(model).build();
            if (firstSpec == null) firstSpec = UciEvaluation.specJson(spec);
            SplitResult r = evaluate(k, spec, split, options.passes());
            results.add(r);
            log.printf(Locale.ROOT, "%s split %2d (streams): rmse %.4f  ll %.4f  coverage90 %.3f  (%d train, %d test rows, %.1f s; "
                    + "max |parameter difference| to the in-process learner %.3g)%n", data.name(), k, r.rmse(), r.ll(), r.coverage90(),
                    r.trainRows(), r.testRows(), r.seconds(), lastParameterDifference);
        }
        return EvalResult.of(data.name(), "streams", options.passes(), options.validation(), firstSpec, results);
    }

    /** Max |parameter difference| between the last split's snapshot and its in-process replica (0: identical). */
    double lastParameterDifference() {
        return lastParameterDifference;
    }

    SplitResult evaluate(int index, ModelSpec spec, UciDataset.Split split, int passes) {
        long t0 = System.nanoTime();
        String model = spec.modelId();
        feed.sendAndWait("model-specs", model, AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec)));
        // The trainer publishes no snapshot for a spec alone: its GET /models/{id} shows the model once it has the spec.
        awaitHttp(stack.trainerUrl(), "/models/" + model, m -> m.path("modelId").asText().equals(model), "the trainer to take the spec of " + model);

        CompletableFuture<io.credence.bnn.model.Posterior> replica =
                CompletableFuture.supplyAsync(() -> UciEvaluation.train(spec, split, passes).posterior(), replicas);
        int[] order = UciEvaluation.streamOrder(split.trainX().length, passes);
        Instant now = Instant.now();
        for (int i = 0; i < order.length; i++) {
            int row = order[i];
            LabeledRecord r = LabeledRecord.newBuilder().setModelId(model).setRecordId(model + "/" + i)
                    .setFeatures(boxed(split.trainX()[row])).setLabel(split.trainY()[row]).setEventTime(now).build();
            feed.send("labeled-records", model, AvroCodecs.labeledRecord().encode(r));
        }
        feed.flush();
        awaitSnapshot(model, s -> s.getRecordsSeen() >= order.length, "a snapshot that has seen all " + order.length + " records");
        // Then the trainer rehearses while the stream is quiet; its last rehearsal step publishes the final snapshot.
        long[] finalVersion = {-1};
        awaitHttp(stack.trainerUrl(), "/models/" + model, m -> {
            finalVersion[0] = m.path("version").asLong();
            return m.path("replayCredit").asDouble() <= 0;
        }, "the trainer to finish rehearsing " + model);
        PosteriorSnapshot trained = awaitSnapshot(model, s -> s.getVersion() >= finalVersion[0], "the snapshot published when rehearsal stopped");
        if (trained.getRecordsSeen() != order.length) {
            throw new IllegalStateException(model + ": snapshot has seen " + trained.getRecordsSeen() + " records, sent " + order.length);
        }
        awaitScorerVersion(model, trained.getVersion());
        double drift = parameterDifference(trained, replica.join());

        double[][] testX = split.testX();
        for (int i = 0; i < testX.length; i++) {
            FeatureRecord f = FeatureRecord.newBuilder().setModelId(model).setRequestId(model + "/" + i)
                    .setFeatures(boxed(testX[i])).setEventTime(Instant.now()).build();
            feed.send("feature-records", model, AvroCodecs.featureRecord().encode(f));
        }
        feed.flush();
        await(() -> {
            for (int i = 0; i < testX.length; i++) if (!predicted.containsKey(model + "/" + i)) return false;
            return true;
        }, "predictions of all " + testX.length + " test rows of " + model);
        SplitResult result = metrics(index, trained, split, t0);
        lastParameterDifference = drift;
        return result;
    }

    /**
     * Largest absolute difference between the streamed snapshot's parameters and those of an in-process learner fed
     * the same replay: 0 when the pipeline computed exactly what {@link UciEvaluation} computes.
     */
    static double parameterDifference(PosteriorSnapshot streamed, io.credence.bnn.model.Posterior inProcess) {
        io.credence.bnn.model.Posterior p = PosteriorCodec.toCore(streamed);
        // A heteroscedastic model has no noise parameter, a homoscedastic one no floor: NaN on both sides is agreement.
        double max = Math.max(difference(p.noiseLogSigma(), inProcess.noiseLogSigma()),
                difference(p.logVarianceFloor(), inProcess.logVarianceFloor()));
        for (int l = 0; l < p.layers().size(); l++) {
            var a = p.layers().get(l);
            var b = inProcess.layers().get(l);
            max = Math.max(max, maxDiff(a.weightMu(), b.weightMu()));
            max = Math.max(max, maxDiff(a.weightRho(), b.weightRho()));
            max = Math.max(max, maxDiff(a.biasMu(), b.biasMu()));
            max = Math.max(max, maxDiff(a.biasRho(), b.biasRho()));
        }
        return max;
    }

    /** |a - b|, 0 when both are NaN, infinite when only one is. */
    private static double difference(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) == Double.isNaN(b) ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(a - b);
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs((double) a[i] - b[i]));
        return m;
    }

    private SplitResult metrics(int index, PosteriorSnapshot snapshot, UciDataset.Split split, long t0) {
        String model = snapshot.getModelId();
        double[][] testX = split.testX();
        double[] testY = split.testY();
        Prediction first = predicted.get(model + "/0");
        Predictor predictor = Predictor.of(PosteriorCodec.toCore(snapshot), first.getSeed());
        Predictor.Evaluation again = predictor.evaluate(testX, testY, first.getSamples(), new double[0]);
        double se = 0, ll = 0, covered = 0;
        for (int i = 0; i < testX.length; i++) {
            Prediction p = predicted.get(model + "/" + i);
            if (p.getModelVersion() != snapshot.getVersion() || p.getSeed() != first.getSeed() || p.getIntervalLevel() != 0.9) {
                throw new IllegalStateException(model + "/" + i + " was scored by version " + p.getModelVersion() + " seed "
                        + p.getSeed() + " at level " + p.getIntervalLevel() + ", expected version " + snapshot.getVersion() + " at 0.9");
            }
            double mean = again.summaries()[i].mean();
            if (Math.abs(mean - p.getMean()) > 1e-9 * (1 + Math.abs(mean))) {
                throw new IllegalStateException(model + "/" + i + ": the scorer's mean " + p.getMean() + " differs from the "
                        + "snapshot's predictive mean " + mean + " with the same seed");
            }
            se += (p.getMean() - testY[i]) * (p.getMean() - testY[i]);
            ll += again.logDensities()[i];
            if (testY[i] >= p.getLower() && testY[i] <= p.getUpper()) covered++;
        }
        int m = testX.length;
        return new SplitResult(index, Math.sqrt(se / m), ll / m, covered / m, (System.nanoTime() - t0) / 1e9,
                split.trainX().length, m, snapshot.getUpdates());
    }

    private PosteriorSnapshot awaitSnapshot(String model, java.util.function.Predicate<PosteriorSnapshot> wanted, String what) {
        await(() -> {
            PosteriorSnapshot s = newest.get(model);
            return s != null && wanted.test(s);
        }, what + " (" + model + ")");
        return newest.get(model);
    }

    /** Waits until the scorer's GET /models shows {@code version} of {@code model}, so the test rows meet it. */
    private void awaitScorerVersion(String model, long version) {
        awaitHttp(stack.scorerUrl(), "/models", list -> {
            for (JsonNode m : list) {
                if (m.path("modelId").asText().equals(model) && m.path("version").asLong() == version) return true;
            }
            return false;
        }, "the scorer to load version " + version + " of " + model);
    }

    /** Polls GET {@code base}{@code path} until it answers 200 with JSON that {@code ready} accepts. */
    private void awaitHttp(URI base, String path, java.util.function.Predicate<JsonNode> ready, String what) {
        await(() -> {
            try {
                Http.Response response = Http.get(base, path);
                return response.status() == 200 && ready.test(response.json());
            } catch (UncheckedIOException e) {
                return false; // not answering yet: try again after the pause
            }
        }, what);
    }

    /** Looks at {@code done} every {@link #POLL} until it holds; fails when a tail failed or the step takes too long. */
    private void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            snapshots.check();
            predictions.check();
            if (done.getAsBoolean()) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out after " + STEP_TIMEOUT + " waiting for " + what);
            try {
                Thread.sleep(POLL.toMillis()); // the pause between two looks, not synchronisation: done() decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        replicas.shutdownNow();
        for (AutoCloseable c : new AutoCloseable[] {feed, snapshots, predictions, stack}) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("closing the streamed evaluation failed: " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
