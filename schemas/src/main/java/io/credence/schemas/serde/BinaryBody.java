package io.credence.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A read cursor over the Avro binary body of one single-object payload (the bytes after the 10-byte header), for the
 * hand-written readers of the two per-record hot paths ({@link RecordBodies}). It follows the Avro specification's
 * binary encoding and its reader's edge cases: zig-zag varints for int and long, one byte for boolean, 8
 * little-endian bytes for double, length-prefixed UTF-8 strings, arrays as blocks (a negative count is followed by the
 * block's byte size), unions as a branch index. Every length is checked against the bytes actually left before
 * anything is allocated, so garbage fails with an {@link IOException} instead of a huge allocation, as
 * {@code AvroCodec}'s body walk guarantees on the generic path.
 */
final class BinaryBody {
    private static final VarHandle LITTLE_ENDIAN_DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private int position;

    BinaryBody(byte[] payload, int offset) {
        this.bytes = payload;
        this.position = offset;
    }

    long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = next();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (raw >>> 1) ^ -(raw & 1);
        }
        throw new IOException("invalid long encoding: more than 10 bytes");
    }

    /** At most 5 bytes, high bits past 32 dropped, as Avro's own reader does. */
    int readInt() throws IOException {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = next();
            raw |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (raw >>> 1) ^ -(raw & 1);
        }
        throw new IOException("invalid int encoding: more than 5 bytes");
    }

    /** One byte; 1 is true and anything else false, as Avro's own reader has it. */
    boolean readBoolean() throws IOException {
        return next() == 1;
    }

    double readDouble() throws IOException {
        need(Double.BYTES);
        double value = (double) LITTLE_ENDIAN_DOUBLE.get(bytes, position);
        position += Double.BYTES;
        return value;
    }

    String readString() throws IOException {
        int length = readInt(); // an int in Avro's reader too
        if (length < 0) throw new IOException("malformed data: string length " + length + " is negative");
        need(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** The branch index of a union with {@code branches} branches. */
    int readUnionIndex(int branches) throws IOException {
        int index = readInt();
        if (index < 0 || index >= branches) throw new IOException("union branch " + index + " of " + branches + " does not exist");
        return index;
    }

    /** An {@code {"type": "array", "items": "double"}}. */
    List<Double> readDoubleArray() throws IOException {
        List<Double> values = null;
        long count;
        while ((count = readLong()) != 0) {
            if (count < 0) {
                count = -count;
                long blockBytes = readLong();
                if (blockBytes < 0) throw new IOException("malformed data: array block size " + blockBytes + " is negative");
            }
            if (count > (bytes.length - position) / Double.BYTES) {
                throw new EOFException("an array block claims " + count + " doubles, " + (bytes.length - position) + " bytes are left");
            }
            if (values == null) values = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) values.add(readDouble());
        }
        return values == null ? new ArrayList<>(0) : values;
    }

    /** Whether every byte of the payload has been read. */
    boolean isEnd() {
        return position == bytes.length;
    }

    private int next() throws IOException {
        need(1);
        return bytes[position++];
    }

    private void need(long count) throws EOFException {
        if (count > bytes.length - position) {
            throw new EOFException("the body needs " + count + " more bytes at offset " + position + ", " + (bytes.length - position) + " are left");
        }
    }
}
