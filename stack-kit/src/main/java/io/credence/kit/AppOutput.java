package io.credence.kit;

import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Records the apps wrote, read back: one that does not decode is a bug in the app, not bad input. */
public final class AppOutput {

    private AppOutput() {}

    /** How a record becomes a value. */
    @FunctionalInterface
    public interface Decoding<T> {
        T decode() throws DecodeException;
    }

    /**
     * The value {@code decoding} reads from {@code record}.
     *
     * @throws IllegalStateException naming the topic and offset when it does not decode
     */
    public static <T> T decode(ConsumerRecord<byte[], byte[]> record, Decoding<T> decoding) {
        try {
            return decoding.decode();
        } catch (DecodeException e) {
            throw new IllegalStateException("an app wrote an undecodable record to " + record.topic() + " at offset "
                    + record.offset() + ": " + e.getMessage(), e);
        }
    }
}
