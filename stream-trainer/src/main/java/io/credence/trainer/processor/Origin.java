package io.credence.trainer.processor;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where an input record was first read: topic, partition, offset and original key. Carried in record headers through
 * the repartition topic so that a dead letter written after it still names the input.
 *
 * @param topic     source topic
 * @param partition its partition
 * @param offset    its offset
 * @param key       its original key bytes, or null
 */
record Origin(String topic, int partition, long offset, byte[] key) {

    static final String TOPIC_HEADER = "credence.origin.topic";
    static final String PARTITION_HEADER = "credence.origin.partition";
    static final String OFFSET_HEADER = "credence.origin.offset";
    static final String KEY_HEADER = "credence.origin.key";
    private static final String[] HEADERS = {TOPIC_HEADER, PARTITION_HEADER, OFFSET_HEADER, KEY_HEADER};

    /** The origin of the record being processed, read from its metadata. */
    static Origin of(RecordMetadata metadata, byte[] key) {
        return new Origin(metadata.topic(), metadata.partition(), metadata.offset(), key);
    }

    /**
     * The origin written in {@code headers} by {@link #toHeaders}.
     *
     * @throws IllegalStateException when a header is missing: only the trainer's decoders write this topic
     */
    static Origin from(Headers headers) {
        return new Origin(new String(required(headers, TOPIC_HEADER), StandardCharsets.UTF_8),
                ByteBuffer.wrap(required(headers, PARTITION_HEADER)).getInt(),
                ByteBuffer.wrap(required(headers, OFFSET_HEADER)).getLong(),
                headers.lastHeader(KEY_HEADER) == null ? null : headers.lastHeader(KEY_HEADER).value());
    }

    /**
     * Where the record the learner is processing came from: the origin in its headers when it crossed the by-model
     * repartition topic, otherwise (forwarded by a decoder in the same task) its own metadata.
     */
    static Origin ofLearnerInput(RecordMetadata metadata, Headers headers, byte[] key) {
        return headers.lastHeader(TOPIC_HEADER) != null ? from(headers) : of(metadata, key);
    }

    /** A copy of {@code source} without any origin header a producer may have set, plus this origin. */
    Headers toHeaders(Headers source) {
        Headers headers = copyWithoutOrigin(source);
        headers.add(TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION_HEADER, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add(OFFSET_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        if (key != null) headers.add(KEY_HEADER, key);
        return headers;
    }

    /** {@code source} without any origin header a producer may have set (itself when it has none). */
    static Headers withoutOrigin(Headers source) {
        for (String name : HEADERS) {
            if (source.lastHeader(name) != null) return copyWithoutOrigin(source);
        }
        return source;
    }

    private static Headers copyWithoutOrigin(Headers source) {
        Headers headers = new RecordHeaders(source.toArray());
        for (String name : HEADERS) headers.remove(name);
        return headers;
    }

    /** {@code topic-partition@offset}. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }

    private static byte[] required(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        if (h == null) throw new IllegalStateException("record on the by-model repartition topic lacks header " + name);
        return h.value();
    }
}
