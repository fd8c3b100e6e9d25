package io.edgeladder.controller.variants.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void fromProto_typedFields_decodeLikeRawData() {
        TensorProto floats = TensorProto.newBuilder().setName("f").setDataType(1).addDims(2)
                .addFloatData(1.5f).addFloatData(-2f).build();
        TensorProto longs = TensorProto.newBuilder().setName("l").setDataType(7).addDims(2)
                .addInt64Data(5).addInt64Data(-7).build();
        TensorProto int8 = TensorProto.newBuilder().setName("q").setDataType(3).addDims(2)
                .addInt32Data(-128).addInt32Data(127).build();

        assertThat(Tensor.fromProto(floats).floats()).containsExactly(1.5f, -2f);
        assertThat(Tensor.fromProto(longs).longs()).containsExactly(5, -7);
        assertThat(Tensor.fromProto(int8).ints()).containsExactly(-128, 127);
        assertThat(Tensor.fromProto(floats).rawData())
                .isEqualTo(Tensor.ofFloats("f", new long[] {2}, new float[] {1.5f, -2f}).rawData());
    }

    @Test
    void builders_roundTripThroughProto() {
        Tensor u8 = Tensor.ofUint8("u", new long[] {3}, new byte[] {0, (byte) 200, (byte) 255});
        Tensor i32 = Tensor.ofInt32("i", new long[] {1, 2}, new int[] {-1, 1 << 30});
        Tensor h = Tensor.ofFloat16("h", new long[] {3}, new float[] {1f, -0.5f, 65504f});

        assertThat(Tensor.fromProto(u8.toProto()).ints()).containsExactly(0, 200, 255);
        assertThat(Tensor.fromProto(i32.toProto()).ints()).containsExactly(-1, 1 << 30);
        assertThat(Tensor.fromProto(h.toProto()).floats()).containsExactly(1f, -0.5f, 65504f);
        assertThat(h.dataBytes()).isEqualTo(6);
    }

    @Test
    void of_wrongDataLength_namesTensor() {
        assertThatThrownBy(() -> Tensor.ofFloats("w", new long[] {2, 2}, new float[3]))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("needs 16 bytes but got 12");
    }

    @Test
    void fromProto_countMismatch_isFormatError() {
        TensorProto bad = TensorProto.newBuilder().setName("b").setDataType(1).addDims(3).addFloatData(1f).build();
        assertThatThrownBy(() -> Tensor.fromProto(bad)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("tensor 'b' holds 1 values");
    }

    @Test
    void floats_onIntegerTensor_refused() {
        assertThatThrownBy(() -> Tensor.ofInt8("q", new long[] {1}, new byte[1]).floats())
                .hasMessageContaining("floats() not defined for INT8");
    }

    @Test
    void float16_roundsToNearestEvenAndHandlesSpecials() {
        assertThat(Float16.toFloat(Float16.fromFloat(1.0009765625f))).isEqualTo(1.0009765625f); // 1 + 2^-10
        assertThat(Float16.toFloat(Float16.fromFloat(1.00048828125f))).isEqualTo(1f); // tie → even
        assertThat(Float16.toFloat(Float16.fromFloat(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat(Float16.fromFloat(Float.NaN))).isNaN();
        assertThat(Float16.toFloat(Float16.fromFloat(0x1p-24f))).isEqualTo(0x1p-24f); // smallest subnormal
        assertThat(Float16.toFloat(Float16.fromFloat(3e-5f))).isCloseTo(3e-5f,
                org.assertj.core.data.Offset.offset(0x1p-25f));
        assertThat(Float16.fromFloat(-0f)).isEqualTo((short) 0x8000);
    }
}
