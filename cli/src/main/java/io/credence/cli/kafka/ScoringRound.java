package io.credence.cli.kafka;

import io.credence.schemas.serde.WireFormat;
import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.cli.CommandFailure;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Sends feature records to the scorer and collects their predictions from the predictions topic (read_committed),
 * matched by request id; a request the scorer dead-letters fails the round with the scorer's reason.
 *
 * <p>Both topics are read from the end offsets noted when the round is created, so predictions of earlier runs are
 * never mistaken for this one's.
 */
public final class ScoringRound implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> settings;
    private final WireFormat format;
    private final String featureTopic;
    private final String predictionTopic;
    private final TopicReader predictions;
    private final TopicReader deadLetters;
    private final String runTag = UUID.randomUUID().toString().substring(0, 8);
    private final RecordSink sink;
    private long requests;

    /**
     * A round against these topics; {@code dlqTopic} may be null or missing (then dead letters are not watched).
     *
     * @throws CommandFailure when the feature or prediction topic does not exist or the broker does not answer
     */
    public ScoringRound(Map<String, Object> settings, WireFormat format, String featureTopic, String predictionTopic,
                        String dlqTopic) {
        this.settings = settings;
        this.format = format;
        this.featureTopic = featureTopic;
        this.predictionTopic = predictionTopic;
        Clients.requireTopics(settings, List.of(featureTopic, predictionTopic));
        this.predictions = new TopicReader(settings, predictionTopic);
        Map<TopicPartition, Long> predictionEnds = predictions.endOffsets();
        predictions.seek(predictionEnds);
        this.deadLetters = dlqTopic == null ? null : dlqReader(settings, dlqTopic);
        this.sink = new RecordSink(settings);
    }

    private static TopicReader dlqReader(Map<String, Object> settings, String topic) {
        try {
            TopicReader reader = new TopicReader(settings, topic);
            reader.seek(reader.endOffsets());
            return reader;
        } catch (CommandFailure e) {
            return null; // no scorer has created its DLQ yet: nothing to watch
        }
    }

    /**
     * Scores {@code rows} with model {@code modelId} and returns the predictions in row order. Messages number the
     * rows from 1.
     *
     * @param samples  Monte Carlo samples per request, or null for the spec's scoreSamples
     * @param progress told the number of predictions received so far
     * @throws CommandFailure when a request is dead-lettered or not every prediction arrives within {@code timeout}
     */
    public List<Prediction> score(String modelId, List<double[]> rows, Integer samples, Duration timeout,
                                  LongConsumer progress) {
        return score(modelId, rows, samples, false, timeout, progress);
    }

    /**
     * As {@link #score(String, List, Integer, Duration, LongConsumer)}; with {@code includeDraws} every feature record
     * asks for its prediction's Monte Carlo draws (Prediction.draws).
     */
    public List<Prediction> score(String modelId, List<double[]> rows, Integer samples, boolean includeDraws,
                                  Duration timeout, LongConsumer progress) {
        String prefix = runTag + "-" + (requests++) + "-";
        for (int i = 0; i < rows.size(); i++) {
            List<Double> features = new ArrayList<>(rows.get(i).length);
            for (double v : rows.get(i)) features.add(v);
            FeatureRecord record = FeatureRecord.newBuilder().setModelId(modelId).setRequestId(prefix + i)
                    .setFeatures(features).setEventTime(Instant.now()).setSamples(samples).setIncludeDraws(includeDraws).build();
            sink.send(featureTopic, modelId, format.encode(featureTopic, AvroCodecs.featureRecord(), record));
        }
        sink.flush();
        Prediction[] out = new Prediction[rows.size()];
        long received = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received < rows.size()) {
            if (System.nanoTime() > deadline) {
                throw new CommandFailure("received " + received + " of " + rows.size() + " predictions of model " + modelId
                        + " within " + timeout.toSeconds() + " s; is a scorer running on " + settings.get("bootstrap.servers")
                        + ", and has model " + modelId + " been trained (a snapshot on posterior-snapshots)?");
            }
            for (ConsumerRecord<byte[], byte[]> r : predictions.poll(POLL)) {
                Prediction p = decodePrediction(r);
                if (p == null || !p.getModelId().equals(modelId) || !p.getRequestId().startsWith(prefix)) continue;
                int index = Integer.parseInt(p.getRequestId().substring(prefix.length()));
                if (index < out.length && out[index] == null) {
                    out[index] = p;
                    received++;
                }
            }
            checkDeadLetters(prefix);
            progress.accept(received);
        }
        return List.of(out);
    }

    private Prediction decodePrediction(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) return null;
        try {
            return format.decode(predictionTopic, AvroCodecs.prediction(), r.value());
        } catch (DecodeException e) {
            return null; // not ours: this tool only reads the predictions of requests it sent
        }
    }

    private void checkDeadLetters(String prefix) {
        if (deadLetters == null) return;
        for (ConsumerRecord<byte[], byte[]> r : deadLetters.poll(Duration.ZERO)) {
            DeadLetter letter;
            FeatureRecord original;
            try {
                letter = format.decode(r.topic(), AvroCodecs.deadLetter(), r.value());
                ByteBuffer value = letter.getValue();
                if (value == null) continue;
                byte[] bytes = new byte[value.remaining()];
                value.duplicate().get(bytes);
                original = format.decode(featureTopic, AvroCodecs.featureRecord(), bytes);
            } catch (DecodeException e) {
                continue; // someone else's dead letter
            }
            if (original.getRequestId().startsWith(prefix)) {
                int row = Integer.parseInt(original.getRequestId().substring(prefix.length())) + 1;
                throw new CommandFailure("the scorer refused row " + row + ": " + letter.getErrorClass() + ": "
                        + letter.getReason());
            }
        }
    }

    /** Feature records sent and acknowledged so far. */
    public long sent() {
        return sink.acknowledged();
    }

    @Override
    public void close() {
        sink.close();
        predictions.close();
        if (deadLetters != null) deadLetters.close();
    }
}
