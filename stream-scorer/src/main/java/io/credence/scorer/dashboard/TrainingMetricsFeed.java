package io.credence.scorer.dashboard;

import io.credence.avro.TrainingMetrics;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.TopicCodec;
import io.credence.schemas.serde.WireFormat;
import io.credence.schemas.serde.DecodeException;
import io.credence.app.KafkaSettings;
import io.credence.scorer.config.ScorerTopics;
import io.credence.scorer.streams.ScorerStreams;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Feeds {@link TrainingHistory} from the training-metrics topic with a plain consumer (no group, from the beginning)
 * on its own daemon thread, for the live page. Undecodable records are logged and skipped: this feed is for display
 * only, and the trainer that produced them dead-letters its own input.
 */
@Context
public class TrainingMetricsFeed {
    private static final Logger log = LoggerFactory.getLogger(TrainingMetricsFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final TopicCodec<TrainingMetrics> codec;
    private final TrainingHistory history;
    private final Thread thread;

    /** Takes {@code streams} only to start after it, which has created the topic if it was missing. */
    public TrainingMetricsFeed(KafkaSettings kafka, WireFormat format, ScorerTopics topics, TrainingHistory history,
                               ScorerStreams streams) {
        Map<String, Object> props = kafka.consumerProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.applicationId() + "-training-metrics-feed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topics.trainingMetrics();
        this.codec = format.on(topic, AvroCodecs.trainingMetrics());
        this.history = history;
        this.thread = new Thread(this::run, "training-metrics-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (partitions.isEmpty()) {
                log.error("topic {} does not exist: the live page shows no training metrics", topic);
                return;
            }
            consumer.assign(partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    add(record);
                }
            }
        } catch (WakeupException e) {
            log.debug("training-metrics feed stopped");
        } finally {
            consumer.close();
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        try {
            TrainingMetrics metrics = codec.decode(record.value());
            history.add(metrics.getModelId(), MetricsPoint.of(metrics));
        } catch (DecodeException e) {
            log.warn("skipping training-metrics record at {}-{}@{}: {} {}", record.topic(), record.partition(),
                    record.offset(), e.errorClass(), e.getMessage());
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
