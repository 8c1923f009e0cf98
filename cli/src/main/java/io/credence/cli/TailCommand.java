package io.credence.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.cli.avro.AnyRecordDecoder;
import io.credence.cli.avro.AvroJson;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code credence tail TOPIC}: prints a topic's Avro records as JSON lines, whatever Credence record type they are. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        header = "Prints a topic's Avro records as JSON lines.",
        description = {"Prints the records of a Credence topic as JSON lines (Avro decoded by the schema fingerprint in",
                "each record: predictions, labeled-records, feature-records, posterior-snapshots, model-specs,",
                "training-metrics, stream-trainer.dlq, stream-scorer.dlq...). Undecodable records are reported on",
                "standard error. Follows the topic until Ctrl-C unless --max or --idle-timeout stops it. A posterior",
                "snapshot too large for one record is published in parts: each prints as a snapshot with no layers and",
                "its part (index, count, and a slice of the whole); credence posterior assembles them."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence tail predictions                          # new predictions as they come",
                "  credence tail stream-scorer.dlq --from-beginning --idle-timeout 5s",
                "  credence tail training-metrics --from-beginning --max 10 --metadata | jq .value.elbo"})
final class TailCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the end.")
    boolean fromBeginning;

    @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when no record has arrived for this long, e.g. 5s.")
    Duration idleTimeout;

    @Option(names = "--metadata", description = "Wrap each value as {topic, partition, offset, timestamp, key, value}.")
    boolean metadata;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        long printed = 0;
        try (TopicReader reader = new TopicReader(kafka.clientProperties(), topic)) {
            if (!fromBeginning) reader.seekToEnd();
            long lastRecordNanos = System.nanoTime();
            while (max == null || printed < max) {
                var records = reader.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) lastRecordNanos = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (max != null && printed >= max) break;
                    String line = render(record);
                    if (line != null) {
                        out.println(line);
                        printed++;
                    }
                }
                out.flush();
                if (idleTimeout != null && System.nanoTime() - lastRecordNanos > idleTimeout.toNanos()) break;
            }
        }
        return 0;
    }

    private String render(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return metadata ? envelope(record).putNull("value").toString() : null;
        }
        try {
            ObjectNode value = AvroJson.of(AnyRecordDecoder.decode(kafka.wireFormat(), record.topic(), record.value()));
            return metadata ? envelope(record).set("value", value).toString() : value.toString();
        } catch (DecodeException e) {
            System.err.println("tail: " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                    + e.errorClass() + ": " + e.getMessage());
            return null;
        }
    }

    private static ObjectNode envelope(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode o = JSON.createObjectNode();
        o.put("topic", record.topic());
        o.put("partition", record.partition());
        o.put("offset", record.offset());
        o.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        if (record.key() == null) o.putNull("key");
        else o.put("key", new String(record.key(), StandardCharsets.UTF_8));
        return o;
    }
}
