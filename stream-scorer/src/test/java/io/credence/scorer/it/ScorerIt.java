package io.credence.scorer.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.broker.KafkaFixture;
import io.credence.kit.Http;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.scorer.ScorerApp;
import io.credence.scorer.scoring.PredictorCache;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What every scorer integration test does: start a scorer on the test's broker, produce, read back, call HTTP. */
final class ScorerIt {
    static final String FEATURES = "feature-records";
    static final String SNAPSHOTS = "posterior-snapshots";
    static final String PREDICTIONS = "predictions";
    static final String DLQ = "stream-scorer.dlq";
    static final String TRAINING_METRICS = "training-metrics";
    static final Duration STARTUP = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    private ScorerIt() {}

    /** Starts a scorer on {@code kafka} with its state under {@code stateDir}, a free HTTP port and {@code extra} settings; waits until Kafka Streams runs. */
    static ScorerApp start(KafkaFixture kafka, Path stateDir, String applicationId, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("credence.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("credence.kafka.application-id", applicationId);
        props.put("credence.kafka.state-dir", stateDir.toString());
        props.put("credence.topics.partitions", 2);
        props.put(ScorerApp.HTTP_PORT, 0);
        props.putAll(extra);
        ScorerApp app = ScorerApp.start(props);
        try {
            app.awaitRunning(STARTUP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the scorer starts", e);
        }
        return app;
    }

    /** Waits until {@code app} scores {@code modelId} with {@code version}. */
    static void awaitVersion(ScorerApp app, String modelId, long version) {
        PredictorCache cache = app.context().getBean(PredictorCache.class);
        await(STARTUP, () -> cache.current(modelId).map(m -> m.version() == version).orElse(false),
                "model " + modelId + " version " + version + " in use");
    }

    /** Polls {@code condition} every 20 ms until it holds. */
    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within " + timeout + ": " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Produces feature records keyed by their request id. */
    static void produce(KafkaFixture kafka, List<FeatureRecord> records) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
        for (FeatureRecord r : records) {
            out.add(new ProducerRecord<>(FEATURES, bytes(r.getRequestId()), AvroCodecs.featureRecord().encode(r)));
        }
        kafka.produce(out);
    }

    /** Reads committed predictions until {@code count} arrived. */
    static List<Prediction> predictions(KafkaFixture kafka, int count, Duration timeout) {
        return decode(kafka.consume(PREDICTIONS, count, timeout));
    }

    static List<Prediction> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Prediction> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                out.add(AvroCodecs.prediction().decode(r.value()));
            } catch (DecodeException e) {
                throw new AssertionError("the scorer wrote an undecodable prediction at offset " + r.offset(), e);
            }
        }
        return out;
    }

    /** POSTs {@code body} (a JSON string, or an object written as JSON); returns status and body. */
    static Http.Response post(ScorerApp app, String path, Object body) {
        try {
            return Http.postJson(app.url(), path, body instanceof String s ? s : JSON.writeValueAsString(body), null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GETs {@code path}; returns status and body. */
    static Http.Response get(ScorerApp app, String path) {
        return Http.get(app.url(), path);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
