package io.credence.system.hostile;

import io.credence.avro.DeadLetter;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.kit.TopicLog;
import io.credence.schemas.codec.DeadLetters;
import io.credence.scorer.ScorerApp;
import io.credence.system.harness.AppConfig;
import io.credence.broker.Await;
import io.credence.system.harness.Heap;
import io.credence.system.harness.Kafka;
import io.credence.system.harness.PredictionLedger;
import io.credence.system.harness.TrainingLedger;
import io.credence.system.harness.Wire;
import io.credence.trainer.TrainerApp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the running pipeline (trainer and scorer in this JVM, exactly_once_v2, the scorer
 * dead-lettering records of unknown models): more than 10,000 malformed or hostile records, interleaved with good
 * ones, go to labeled-records, model-specs and feature-records and to POST /predict. Required and checked: no app
 * crashes (both stay RUNNING and healthy); every bad record has exactly one dead letter, with its original bytes and
 * a reason, and every bad request a 4xx with a reason; records over the broker's limit are refused at the produce
 * edge; every good record is trained or scored exactly once; the heap after GC does not grow with the attack; specs
 * whose optimiser overflows never publish a snapshot with a NaN or infinite value, and the rejected steps are counted.
 */
class HostileInputIT {

    private static final Logger log = LoggerFactory.getLogger(HostileInputIT.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String MODEL = "good";
    private static final String EXTREME = "extreme";
    private static final String CLASSIFIER = "cls";
    /** Specs whose Adam step overflows: 1e40 is a finite double but an infinite float32; 1e300 overflows the norm. */
    private static final Map<String, Double> OVERFLOWING = Map.of("overflow-1e40", 1e40, "overflow-1e300", 1e300);
    private static final int CHUNKS = 10;
    /**
     * Most growth of the heap after GC accepted from the first to the last chunk of the attack, MiB: the caches and
     * buffers of the clients fill during the first chunk; after it, flat was measured (a few MiB of noise).
     */
    private static final double HEAP_GROWTH_BOUND_MIB = 64;

    @RegisterExtension
    static final PerTestClass<Kafka> kafka = new PerTestClass<>(Kafka::start);

    @TempDir
    Path tmp;

    @Test
    void everyBadInputIsDeadLetteredOrRefusedAndEveryGoodOneIsUsed() throws Exception {
        long start = System.nanoTime();
        Map<String, Object> scorerConfig = AppConfig.scorer(kafka.get(), "hostile-scorer", tmp.resolve("scorer"));
        scorerConfig.put("credence.scorer.no-model-policy", "DLQ");
        Map<String, Object> trainerConfig = AppConfig.trainer(kafka.get(), "hostile-trainer", tmp.resolve("trainer"));
        trainerConfig.put("credence.trainer.max-model-mib", Fuzzer.MAX_MODEL_MIB);
        try (TrainerApp trainer = TrainerApp.start(trainerConfig);
             ScorerApp scorer = ScorerApp.start(scorerConfig)) {
            trainer.awaitRunning(WAIT);
            scorer.awaitRunning(WAIT);
            Random data = new Random(5);

            // Set-up: the specs of the classifier and of the overflowing models reach the trainer; the good model
            // (default spec) trains until the scorer serves it, so that its feature records are scorable.
            List<ProducerRecord<byte[], byte[]>> specs = new ArrayList<>();
            specs.add(spec(ModelSpec.classification(CLASSIFIER, 1, 2).network(n -> n.withHidden(8))
                    .optimiser(o -> o.withBatchSize(AppConfig.BATCH)).build()));
            OVERFLOWING.forEach((id, rate) -> specs.add(spec(ModelSpec.regression(id, 1).network(n -> n.withHidden(8))
                    .optimiser(o -> o.withBatchSize(AppConfig.BATCH)
                            .withLearningRate(rate).withClipNorm(0)).streaming(s -> s.withSnapshotEvery(1, 0)).build())));
            kafka.get().produce(specs);
            for (String id : List.of(CLASSIFIER, "overflow-1e40", "overflow-1e300")) {
                Await.until("the trainer knows model " + id, WAIT, () -> Http.get(trainer.url(), "/models/" + id).status() == 200);
            }
            Counts good = new Counts();
            kafka.get().produce(goodLabeled(MODEL, 10, data, good));
            Await.until("the scorer serves model " + MODEL, WAIT, () -> predict(scorer.url(), "0.5").status() == 200);

            // The attack: bad records of every kind, shuffled with the rest of the good ones, in chunks; hostile and
            // good requests after each chunk; the heap sampled after GC.
            Fuzzer fuzzer = new Fuzzer(1234, MODEL, CLASSIFIER);
            // Huge values: just under the apps' input limit (dead-lettered with their bytes), just over it, and as
            // large as the broker accepts (dead-lettered without them).
            int brokerEdge = Kafka.MAX_MESSAGE_BYTES - 120;
            int underInputLimit = DeadLetters.MAX_INPUT_BYTES - 64;
            int overInputLimit = DeadLetters.MAX_INPUT_BYTES + 64;
            List<Hostile> bad = new ArrayList<>();
            bad.addAll(fuzzer.labeled(4400));
            bad.addAll(fuzzer.specs(1400));
            bad.addAll(fuzzer.hugeSpecs(2));
            bad.addAll(fuzzer.features(4200));
            for (int size : new int[] {brokerEdge, overInputLimit, underInputLimit}) {
                bad.addAll(fuzzer.hugeLabeled(2, size));
                bad.addAll(fuzzer.hugeFeatures(2, size));
            }
            List<Sent> toSend = new ArrayList<>();
            bad.forEach(h -> toSend.add(new Sent(new ProducerRecord<>(h.topic(), h.key(), h.value()), h)));
            goodLabeled(MODEL, 90, data, good).forEach(r -> toSend.add(new Sent(r, null)));
            extremeLabeled(20, data, good).forEach(r -> toSend.add(new Sent(r, null)));
            classifierLabeled(20, data, good).forEach(r -> toSend.add(new Sent(r, null)));
            OVERFLOWING.keySet().forEach(id -> goodLabeled(id, 10, data, good).forEach(r -> toSend.add(new Sent(r, null))));
            goodFeatures(1200, data, good).forEach(r -> toSend.add(new Sent(r, null)));
            Collections.shuffle(toSend, new Random(99));

            List<HostileRequest> badRequests = fuzzer.requests(1200);
            Map<String, Set<Integer>> statusesByKind = new TreeMap<>();
            List<String> requestsWithoutReason = new ArrayList<>();
            int goodRequests = 0;
            List<Double> heapMiB = new ArrayList<>();
            Map<String, Sent> badAt = new HashMap<>();
            Set<String> goodAt = new HashSet<>();
            for (int c = 0; c < CHUNKS; c++) {
                List<Sent> chunk = toSend.subList(c * toSend.size() / CHUNKS, (c + 1) * toSend.size() / CHUNKS);
                List<RecordMetadata> written = kafka.get().produce(chunk.stream().map(Sent::record).toList());
                for (int i = 0; i < chunk.size(); i++) {
                    String at = at(written.get(i).topic(), written.get(i).partition(), written.get(i).offset());
                    if (chunk.get(i).hostile() != null) badAt.put(at, chunk.get(i)); else goodAt.add(at);
                }
                for (HostileRequest r : badRequests.subList(c * badRequests.size() / CHUNKS, (c + 1) * badRequests.size() / CHUNKS)) {
                    Http.Response response = Http.post(scorer.url(), "/predict", r.contentType(), r.body());
                    statusesByKind.computeIfAbsent(r.kind(), k -> new TreeSet<>()).add(response.status());
                    if (response.body() == null || response.body().isBlank()) requestsWithoutReason.add(r.kind());
                }
                for (int i = 0; i < 20; i++, goodRequests++) {
                    Http.Response response = predict(scorer.url(), Double.toString(-3 + 6 * data.nextDouble()));
                    assertThat(response.status()).as("a good POST /predict during the attack: %s", response.body()).isEqualTo(200);
                }
                trainer.awaitRunning(WAIT);
                scorer.awaitRunning(WAIT);
                heapMiB.add(Heap.usedAfterGcMiB());
            }
            HostileRequest over = fuzzer.oversizedRequest();
            Http.Response overResponse = Http.post(scorer.url(), "/predict", over.contentType(), over.body());
            statusesByKind.put(over.kind(), Set.of(overResponse.status()));
            int refusedAtTheEdge = produceOversized(fuzzer);

            // Outcomes, once the apps have caught up.
            int trainerBad = (int) badAt.values().stream().filter(s -> !s.record().topic().equals(Fuzzer.FEATURES)).count();
            int scorerBad = badAt.size() - trainerBad;
            try (TopicLog trainerDlq = TopicLog.committed(kafka.get().bootstrapServers(), "stream-trainer.dlq");
                 TopicLog scorerDlq = TopicLog.committed(kafka.get().bootstrapServers(), "stream-scorer.dlq");
                 TopicLog metricsLog = TopicLog.committed(kafka.get().bootstrapServers(), "training-metrics");
                 TopicLog predictionsLog = TopicLog.committed(kafka.get().bootstrapServers(), "predictions");
                 TopicLog snapshotsWritten = TopicLog.uncommitted(kafka.get().bootstrapServers(), "posterior-snapshots")) {
                Duration drain = Await.until("the apps dead-letter every bad record and use every good one", WAIT, () -> {
                    TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metricsLog.catchUp()), List.of());
                    return trainerDlq.catchUp().size() >= trainerBad && scorerDlq.catchUp().size() >= scorerBad
                            && good.labeled.entrySet().stream().filter(e -> !OVERFLOWING.containsKey(e.getKey()))
                                    .allMatch(e -> ledger.recordsSeen(e.getKey()) >= e.getValue())
                            && predictionsLog.catchUp().size() >= good.requests.size();
                });
                trainer.awaitRunning(WAIT);
                scorer.awaitRunning(WAIT);
                assertThat(Http.get(trainer.url(), "/health").status()).as("trainer /health after the attack").isEqualTo(200);
                assertThat(Http.get(scorer.url(), "/health").status()).as("scorer /health after the attack").isEqualTo(200);

                // Every bad record: one dead letter, its bytes, an expected error class, a reason.
                List<DeadLetter> letters = new ArrayList<>(Wire.deadLetters(trainerDlq.catchUp()));
                letters.addAll(Wire.deadLetters(scorerDlq.catchUp()));
                Map<String, Map<String, Integer>> classesByKind = new TreeMap<>();
                Set<String> lettered = new HashSet<>();
                for (DeadLetter letter : letters) {
                    String at = at(letter.getSourceTopic(), letter.getPartition(), letter.getOffset());
                    assertThat(goodAt).as("a good record was dead-lettered: %s %s", at, letter.getReason()).doesNotContain(at);
                    Sent sent = badAt.get(at);
                    assertThat(sent).as("dead letter of a record never sent: %s", at).isNotNull();
                    assertThat(lettered.add(at)).as("a second dead letter for %s", at).isTrue();
                    Hostile h = sent.hostile();
                    assertThat(letter.getApp()).isEqualTo(h.topic().equals(Fuzzer.FEATURES) ? "stream-scorer" : "stream-trainer");
                    assertThat(letter.getErrorClass()).as("error class of %s at %s (%s)", h.kind(), at, letter.getReason())
                            .isIn(h.errorClasses());
                    assertThat(letter.getReason()).as("reason of %s at %s", h.kind(), at).isNotBlank();
                    if (letter.getErrorClass().equals(DeadLetters.TOO_LARGE)) {
                        // Its bytes stay in the source topic, where the reason points.
                        assertThat(letter.getValue()).as("value of the TOO_LARGE %s at %s", h.kind(), at).isNull();
                        assertThat(letter.getReason()).contains(at);
                    } else {
                        assertThat(Wire.bytes(letter.getValue())).as("original value of %s at %s", h.kind(), at).isEqualTo(h.value());
                        assertThat(Wire.bytes(letter.getKey())).as("original key of %s at %s", h.kind(), at).isEqualTo(h.key());
                    }
                    classesByKind.computeIfAbsent(h.topic() + " " + h.kind(), k -> new TreeMap<>())
                            .merge(letter.getErrorClass(), 1, Integer::sum);
                }
                assertThat(lettered).as("bad records with a dead letter").hasSize(badAt.size());

                // Every bad request: a 4xx with a reason.
                statusesByKind.forEach((kind, statuses) -> assertThat(statuses).as("statuses of %s requests", kind)
                        .allMatch(s -> s >= 400 && s < 500));
                assertThat(requestsWithoutReason).as("4xx answers without a body").isEmpty();
                assertThat(refusedAtTheEdge).as("records over the broker's limit refused at produce").isEqualTo(6);

                // Every good record: trained (update numbers 1..N once each) or scored exactly once.
                List<TrainingMetrics> metrics = Wire.metrics(metricsLog.catchUp());
                try (TopicLog snapshotsCommitted = TopicLog.committed(kafka.get().bootstrapServers(), "posterior-snapshots")) {
                    TrainingLedger ledger = TrainingLedger.of(metrics, Wire.snapshots(snapshotsCommitted.catchUp()));
                    for (String model : List.of(MODEL, EXTREME, CLASSIFIER)) {
                        ledger.assertTrainedExactlyOnce(model, good.labeled.get(model), AppConfig.BATCH);
                    }
                    log.info("trained exactly once: {} ({} records), {} ({}, values up to 1e15), {} ({})", MODEL, ledger.recordsSeen(MODEL),
                            EXTREME, ledger.recordsSeen(EXTREME), CLASSIFIER, ledger.recordsSeen(CLASSIFIER));
                }
                List<Prediction> predictions = Wire.predictions(predictionsLog.catchUp());
                PredictionLedger.of(predictions).assertExactlyOnce(good.requests);
                assertThat(predictions).as("committed predictions with a non-finite mean or std")
                        .noneMatch(p -> !Double.isFinite(p.getMean()) || !Double.isFinite(p.getStd()));

                // NaN never published: every snapshot ever written (aborted ones included) is finite; the overflowing
                // specs' rejected steps show in training-metrics and in the trainer's Prometheus metrics.
                List<PosteriorSnapshot> everySnapshot = Wire.snapshots(snapshotsWritten.catchUp());
                assertThat(everySnapshot).as("snapshots with NaN or infinite values")
                        .noneMatch(s -> TrainingLedger.nonFiniteValues(s) > 0);
                String trainerPrometheus = Http.get(trainer.url(), "/prometheus").body();
                for (String id : OVERFLOWING.keySet()) {
                    long rejected = metrics.stream().filter(m -> m.getModelId().equals(id))
                            .mapToLong(TrainingMetrics::getRejectedSteps).max().orElse(0);
                    assertThat(rejected).as("rejected steps of %s in training-metrics", id).isEqualTo(10);
                    assertThat(sum(trainerPrometheus, "credence_trainer_steps_rejected_total", "model=\"" + id + "\""))
                            .as("credence_trainer_steps_rejected_total of %s", id).isEqualTo(10);
                    log.info("model {}: {} of 10 batches rejected, {} snapshots published", id, rejected,
                            everySnapshot.stream().filter(s -> s.getModelId().equals(id)).count());
                }

                // The dead letters are counted in the apps' metrics too.
                assertThat(sum(trainerPrometheus, "credence_trainer_dead_letters_total", "")).isEqualTo(trainerBad);
                assertThat(sum(Http.get(scorer.url(), "/prometheus").body(), "credence_scorer_dlq_total", "")).isEqualTo(scorerBad);

                // Memory: the heap after GC (the apps' and this test's, sampled before the test reads the outputs back)
                // does not grow with the attack.
                log.info("heap after GC after each chunk of the attack, MiB: {}", heapMiB.stream().map(m -> String.format("%.0f", m)).toList());
                assertThat(heapMiB.get(heapMiB.size() - 1) - heapMiB.get(0)).as("heap growth over the attack, MiB")
                        .isLessThan(HEAP_GROWTH_BOUND_MIB);

                log.info("bad records: {} ({} to the trainer, {} to the scorer), {} refused at the produce edge; "
                        + "bad requests: {}; good: {} labeled, {} feature records, {} requests", badAt.size(), trainerBad, scorerBad,
                        refusedAtTheEdge, badRequests.size() + 1, good.labeled, good.requests.size(), goodRequests);
                classesByKind.forEach((kind, classes) -> log.info("  {} -> {}", kind, classes));
                statusesByKind.forEach((kind, statuses) -> log.info("  POST /predict {} -> {}", kind, statuses));
                log.info("wall time: {} s ({} s to drain after the last chunk)", (System.nanoTime() - start) / 1_000_000_000,
                        drain.toSeconds());
            }
        }
    }

    /**
     * Sends records just over the broker's limit to each input topic with a producer that allows them, so the broker
     * itself must refuse them; returns how many it refused with RecordTooLargeException.
     */
    private static int produceOversized(Fuzzer fuzzer) throws InterruptedException {
        int refused = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get().bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * Kafka.MAX_MESSAGE_BYTES,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Hostile> oversized = new ArrayList<>(fuzzer.hugeLabeled(2, 2 * Kafka.MAX_MESSAGE_BYTES));
            oversized.addAll(fuzzer.hugeFeatures(2, 2 * Kafka.MAX_MESSAGE_BYTES));
            oversized.add(new Hostile("OVERSIZED", Fuzzer.SPECS, Wire.utf8(MODEL), new byte[Kafka.MAX_MESSAGE_BYTES + 1], Set.of()));
            oversized.add(new Hostile("OVERSIZED", Fuzzer.LABELED, null, new byte[3 * Kafka.MAX_MESSAGE_BYTES], Set.of()));
            for (Hostile h : oversized) {
                try {
                    producer.send(new ProducerRecord<>(h.topic(), h.key(), h.value())).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RecordTooLargeException) refused++;
                    else throw new AssertionError("an oversized record failed otherwise: " + e.getCause(), e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("the broker did not answer an oversized record", e);
                }
            }
        }
        return refused;
    }

    private static ProducerRecord<byte[], byte[]> spec(ModelSpec spec) {
        return new ProducerRecord<>(Fuzzer.SPECS, Wire.utf8(spec.modelId()), Wire.spec(spec));
    }

    /** {@code batches} mini-batches of y = sin(x) + noise for {@code model}. */
    private static List<ProducerRecord<byte[], byte[]>> goodLabeled(String model, int batches, Random r, Counts counts) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < batches * AppConfig.BATCH; i++) {
            double x = -3 + 6 * r.nextDouble();
            out.add(labeled(model, x, Math.sin(x) + 0.1 * r.nextGaussian(), counts));
        }
        return out;
    }

    /** Good records at the edge of what InputCheck accepts: features and labels of magnitude up to 1e15. */
    private static List<ProducerRecord<byte[], byte[]>> extremeLabeled(int batches, Random r, Counts counts) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < batches * AppConfig.BATCH; i++) {
            out.add(labeled(EXTREME, (r.nextBoolean() ? 1 : -1) * 1e15 * r.nextDouble(), (r.nextBoolean() ? 1 : -1) * 1e15 * r.nextDouble(), counts));
        }
        return out;
    }

    private static List<ProducerRecord<byte[], byte[]>> classifierLabeled(int batches, Random r, Counts counts) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < batches * AppConfig.BATCH; i++) {
            double x = r.nextGaussian();
            out.add(labeled(CLASSIFIER, x, x > 0 ? 1 : 0, counts));
        }
        return out;
    }

    private static ProducerRecord<byte[], byte[]> labeled(String model, double x, double y, Counts counts) {
        counts.labeled.merge(model, 1L, Long::sum);
        return new ProducerRecord<>(Fuzzer.LABELED, Wire.utf8(model),
                Wire.labeled(model, model + "-" + counts.labeled.get(model), new double[] {x}, y));
    }

    private static List<ProducerRecord<byte[], byte[]>> goodFeatures(int n, Random r, Counts counts) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String request = "good-" + i;
            counts.requests.add(request);
            out.add(new ProducerRecord<>(Fuzzer.FEATURES, Wire.utf8(request),
                    Wire.feature(MODEL, request, new double[] {-3 + 6 * r.nextDouble()}, null)));
        }
        return out;
    }

    private static Http.Response predict(URI scorer, String feature) {
        return Http.post(scorer, "/predict", "application/json",
                ("{\"modelId\":\"" + MODEL + "\",\"features\":[" + feature + "]}").getBytes(StandardCharsets.UTF_8));
    }

    /** The sum of the Prometheus samples of {@code metric} whose labels contain {@code label}. */
    private static double sum(String prometheus, String metric, String label) {
        Matcher m = Pattern.compile("^" + metric + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(prometheus);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    private static String at(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /**
     * A record sent, and the attack it carries (null for a good record).
     *
     * @param record  the record
     * @param hostile its attack, or null
     */
    private record Sent(ProducerRecord<byte[], byte[]> record, Hostile hostile) {
    }

    /** Good input sent: labeled records per model, and feature-record request ids. */
    private static final class Counts {
        final Map<String, Long> labeled = new TreeMap<>();
        final Set<String> requests = new HashSet<>();
    }
}
