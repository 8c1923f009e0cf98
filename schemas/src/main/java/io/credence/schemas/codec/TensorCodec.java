package io.credence.schemas.codec;

import io.credence.avro.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/** Converts float arrays with a shape to Avro {@link Tensor}s (float32, little-endian, row-major) and back, bit-exactly. */
public final class TensorCodec {

    private TensorCodec() {}

    /**
     * A tensor of {@code shape} holding {@code values} in row-major order.
     *
     * @throws IllegalArgumentException when a dimension is negative or the value count is not the product of the shape
     */
    public static Tensor toAvro(float[] values, int... shape) {
        long size = size(shape);
        if (size != values.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + values.length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return Tensor.newBuilder()
                .setShape(Arrays.stream(shape).boxed().toList())
                .setValues(bytes)
                .build();
    }

    /** A 1-D tensor of shape [values.length]. */
    public static Tensor toAvro(float[] values) {
        return toAvro(values, values.length);
    }

    /**
     * The values of {@code tensor}, which must have exactly {@code expectedShape}.
     *
     * @throws IllegalArgumentException when the shape differs or the byte count does not match it
     */
    public static float[] toFloats(Tensor tensor, int... expectedShape) {
        int[] shape = shape(tensor);
        if (!Arrays.equals(shape, expectedShape)) {
            throw new IllegalArgumentException("tensor has shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expectedShape));
        }
        return toFloats(tensor);
    }

    /**
     * The values of {@code tensor}, row-major.
     *
     * @throws IllegalArgumentException when the byte count is not 4 * product(shape)
     */
    public static float[] toFloats(Tensor tensor) {
        int[] shape = shape(tensor);
        long size = size(shape);
        ByteBuffer bytes = tensor.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() != Float.BYTES * size) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs "
                    + Float.BYTES * size + " bytes (float32), got " + bytes.remaining());
        }
        float[] values = new float[(int) size];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    /** The shape of {@code tensor}, outermost dimension first. */
    public static int[] shape(Tensor tensor) {
        List<Integer> shape = tensor.getShape();
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long size(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " has a negative dimension");
            size *= d;
            if (size > Integer.MAX_VALUE / Float.BYTES) {
                throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " is too large for one float array");
            }
        }
        return size;
    }
}
