package io.credence.schemas.parts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How Credence cuts a value too large for one Kafka record: a value of up to {@link #MAX_RECORD_BYTES} stays one record;
 * a larger one is cut into parts of {@link #PART_BYTES} (the last shorter), checked by the CRC-32C of the whole.
 */
public final class Parts {

    /**
     * Largest value written as one record, bytes: Kafka's default {@code max.request.size} of 1 MiB less 64 KiB for the
     * key, headers and batch framing. Every record Credence wrote before values came in parts was at most this.
     */
    public static final int MAX_RECORD_BYTES = 1024 * 1024 - 64 * 1024;
    /** Bytes of every part but the last: half of a 1 MiB request, leaving room for each part's own envelope. */
    public static final int PART_BYTES = 512 * 1024;

    private Parts() {}

    /** Whether {@code length} bytes must be cut into parts. */
    public static boolean tooLargeForOneRecord(long length) {
        return length > MAX_RECORD_BYTES;
    }

    /** {@code whole} cut into consecutive slices of {@code partBytes} (the last shorter), at least one. */
    public static List<byte[]> split(byte[] whole, int partBytes) {
        if (partBytes < 1) throw new IllegalArgumentException("partBytes must be >= 1, got " + partBytes);
        List<byte[]> parts = new ArrayList<>(Math.max(1, (whole.length + partBytes - 1) / partBytes));
        for (int from = 0; from < whole.length || parts.isEmpty(); from += partBytes) {
            parts.add(Arrays.copyOfRange(whole, from, Math.min(whole.length, from + partBytes)));
        }
        return parts;
    }

    /** {@code parts} concatenated in order. */
    public static byte[] join(List<byte[]> parts) {
        long length = 0;
        for (byte[] part : parts) length += part.length;
        if (length > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(length + " bytes do not fit one Java array");
        byte[] whole = new byte[(int) length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        return whole;
    }

    /** The CRC-32C of {@code bytes}, unsigned. */
    public static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
