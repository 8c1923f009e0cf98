package io.credence.schemas.codec;

import io.credence.avro.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorCodecTest {

    @Test
    void packsFloat32LittleEndianRowMajor() {
        Tensor t = TensorCodec.toAvro(new float[]{1f, -2f, 0.5f, 3f, 0f, -0f}, 2, 3);

        assertThat(t.getShape()).containsExactly(2, 3);
        byte[] bytes = new byte[t.getValues().remaining()];
        t.getValues().duplicate().get(bytes);
        assertThat(bytes).hasSize(24);
        // 1.0f = 0x3F800000, -2.0f = 0xC0000000, little-endian
        assertThat(bytes).startsWith(0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x00, (byte) 0xC0);
    }

    @Test
    void roundTripsEveryBitPattern() {
        float[] values = {Float.intBitsToFloat(0x7FC12345), -0f, Float.MIN_VALUE, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY, 1e-40f, (float) Math.PI};

        float[] back = TensorCodec.toFloats(TensorCodec.toAvro(values, 7), 7);

        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).as("value %d", i).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void readsFromABufferThatIsASliceOfALargerArray() {
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putFloat(0, 99f).position(4);
        ByteBuffer slice = bytes.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        slice.putFloat(0, 1.5f).putFloat(4, -4f);
        Tensor t = new Tensor(List.of(2), slice);

        assertThat(TensorCodec.toFloats(t)).containsExactly(1.5f, -4f);
    }

    @Test
    void aValueCountThatDoesNotMatchTheShapeIsRefused() {
        assertThatThrownBy(() -> TensorCodec.toAvro(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor of shape [2, 3] needs 6 values, got 5");
    }

    @Test
    void anUnexpectedShapeIsRefusedNamingBothShapes() {
        Tensor t = TensorCodec.toAvro(new float[6], 3, 2);

        assertThatThrownBy(() -> TensorCodec.toFloats(t, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor has shape [3, 2], expected [2, 3]");
    }

    @Test
    void aByteCountThatDoesNotMatchTheShapeIsRefused() {
        Tensor t = new Tensor(List.of(2, 2), ByteBuffer.allocate(12));

        assertThatThrownBy(() -> TensorCodec.toFloats(t))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor of shape [2, 2] needs 16 bytes (float32), got 12");
    }

    @Test
    void negativeAndHugeShapesAreRefused() {
        assertThatThrownBy(() -> TensorCodec.toFloats(new Tensor(List.of(-1, 4), ByteBuffer.allocate(0))))
                .hasMessage("tensor shape [-1, 4] has a negative dimension");
        assertThatThrownBy(() -> TensorCodec.toFloats(new Tensor(List.of(100_000, 100_000), ByteBuffer.allocate(0))))
                .hasMessage("tensor shape [100000, 100000] is too large for one float array");
    }
}
