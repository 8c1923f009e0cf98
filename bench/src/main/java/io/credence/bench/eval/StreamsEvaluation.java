package io.credence.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.ModelSpec;
import io.credence.cli.demo.LocalStack;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalStack stack;
    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicTail snapshots;
    private final TopicTail predictions;
    private final Map<String, PosteriorSnapshot> newest = new HashMap<>();
    private final Map<String, Prediction> predicted = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Trains each split's in-process replica beside the pipeline (not on the common pool, which the learners use). */
    private final ExecutorService replicas = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "in-process-replica");
        t.setDaemon(true);
        return t;
    });
    private double lastParameterDifference = Double.NaN;

    private StreamsEvaluation(LocalStack stack) {
        this.stack = stack;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.target().bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.snapshots = new TopicTail(stack.target().bootstrap(), "posterior-snapshots");
        this.predictions = new TopicTail(stack.target().bootstrap(), "predictions");
    }

    /** Starts an embedded broker, the trainer and the scorer. */
    public static StreamsEvaluation start() {
        return new StreamsEvaluation(LocalStack.start(0));
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
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        send("model-specs", key, AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec)));
        // The trainer publishes no snapshot for a spec alone: its GET /models/{id} shows the model once it has the spec.
        awaitHttp(stack.target().trainerUrl() + "/models/" + model, m -> m.path("modelId").asText().equals(model), "the trainer to take the spec of " + model);

        CompletableFuture<io.credence.bnn.model.Posterior> replica =
                CompletableFuture.supplyAsync(() -> UciEvaluation.train(spec, split, passes).posterior(), replicas);
        int[] order = UciEvaluation.streamOrder(split.trainX().length, passes);
        Instant now = Instant.now();
        for (int i = 0; i < order.length; i++) {
            int row = order[i];
            LabeledRecord r = LabeledRecord.newBuilder().setModelId(model).setRecordId(model + "/" + i)
                    .setFeatures(boxed(split.trainX()[row])).setLabel(split.trainY()[row]).setEventTime(now).build();
            producer.send(new ProducerRecord<>("labeled-records", key, AvroCodecs.labeledRecord().encode(r)));
        }
        producer.flush();
        awaitSnapshot(model, s -> s.getRecordsSeen() >= order.length, "a snapshot that has seen all " + order.length + " records");
        // Then the trainer rehearses while the stream is quiet; its last rehearsal step publishes the final snapshot.
        long[] finalVersion = {-1};
        awaitHttp(stack.target().trainerUrl() + "/models/" + model, m -> {
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
            producer.send(new ProducerRecord<>("feature-records", key, AvroCodecs.featureRecord().encode(f)));
        }
        producer.flush();
        await(() -> {
            pollPredictions();
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
            pollSnapshots();
            PosteriorSnapshot s = newest.get(model);
            return s != null && wanted.test(s);
        }, what + " (" + model + ")");
        return newest.get(model);
    }

    private void pollSnapshots() {
        for (ConsumerRecord<byte[], byte[]> r : snapshots.poll(POLL)) {
            if (r.value() == null) continue;
            PosteriorSnapshot s = decode(() -> AvroCodecs.posteriorSnapshot().decode(r.value()), r);
            PosteriorSnapshot old = newest.get(s.getModelId());
            if (old == null || s.getVersion() > old.getVersion()) newest.put(s.getModelId(), s);
        }
    }

    private void pollPredictions() {
        for (ConsumerRecord<byte[], byte[]> r : predictions.poll(POLL)) {
            Prediction p = decode(() -> AvroCodecs.prediction().decode(r.value()), r);
            predicted.put(p.getRequestId(), p);
        }
    }

    /** Waits until the scorer's GET /models shows {@code version} of {@code model}, so the test rows meet it. */
    private void awaitScorerVersion(String model, long version) {
        awaitHttp(stack.target().scorerUrl() + "/models", list -> {
            for (JsonNode m : list) {
                if (m.path("modelId").asText().equals(model) && m.path("version").asLong() == version) return true;
            }
            return false;
        }, "the scorer to load version " + version + " of " + model);
    }

    /** Polls GET {@code url} until it answers 200 with JSON that {@code ready} accepts. */
    private void awaitHttp(String url, java.util.function.Predicate<JsonNode> ready, String what) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).GET().build();
        await(() -> {
            try {
                HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(JSON.readTree(response.body()))) return true;
            } catch (IOException e) {
                // not answering yet: try again after the pause below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            pollSnapshots(); // blocks up to POLL: the pause between two requests
            return false;
        }, what);
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out after " + STEP_TIMEOUT + " waiting for " + what);
        }
    }

    private void send(String topic, byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private interface Decoding<T> {
        T decode() throws DecodeException;
    }

    private static <T> T decode(Decoding<T> decoding, ConsumerRecord<byte[], byte[]> r) {
        try {
            return decoding.decode();
        } catch (DecodeException e) {
            throw new IllegalStateException("undecodable record on " + r.topic() + " at offset " + r.offset() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        replicas.shutdownNow();
        for (AutoCloseable c : new AutoCloseable[] {producer, snapshots, predictions, stack}) {
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
