package io.edgeladder.controller.variants.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelFilesTest {
  static byte[] modelWith(OnnxMl.TensorProto... initializers) {
    OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("g");
    for (OnnxMl.TensorProto t : initializers) g.addInitializer(t);
    return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray();
  }

  static OnnxMl.TensorProto rawFloats(String name, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) b.putFloat(v);
    return OnnxMl.TensorProto.newBuilder().setName(name).addDims(values.length).setDataType(1)
        .setRawData(ByteString.copyFrom(b.array())).build();
  }

  @Test
  void parameters_rawAndTypedData_countsElementsAndNonZeros() throws Exception {
    OnnxMl.TensorProto typed = OnnxMl.TensorProto.newBuilder().setName("b").addDims(2).addDims(2).setDataType(1)
        .addFloatData(0f).addFloatData(1f).addFloatData(-0f).addFloatData(2f).build();
    OnnxMl.TensorProto int8 = OnnxMl.TensorProto.newBuilder().setName("q").addDims(3).setDataType(3)
        .setRawData(ByteString.copyFrom(new byte[] {0, -1, 5})).build();

    OnnxMl.TensorProto shape = OnnxMl.TensorProto.newBuilder().setName("shape").addDims(2).setDataType(7)
        .addInt64Data(1).addInt64Data(-1).build();
    OnnxMl.TensorProto int32Bias = OnnxMl.TensorProto.newBuilder().setName("bias").addDims(1).setDataType(6)
        .addInt32Data(17).build();

    ModelFiles.ParameterCount c = ModelFiles.parameters("m",
        modelWith(rawFloats("w", 0f, -0f, 3f, 0f, 1e-30f), typed, int8, shape, int32Bias));

    // int64 shapes and int32 biases are not parameters (the IR's ModelStats rule)
    assertThat(c.total()).isEqualTo(5 + 4 + 3);
    assertThat(c.nonZero()).isEqualTo(2 + 2 + 2);
  }

  @Test
  void parameters_notOnnx_throwsWithLabel() {
    assertThatThrownBy(() -> ModelFiles.parameters("model x.onnx", new byte[] {(byte) 0xff, 1, 2, 3}))
        .isInstanceOf(ModelEvaluationException.class).hasMessageContaining("model x.onnx: not an ONNX model");
  }

  @Test
  void gzipSize_zeroedWeightsCompressFarBetterThanRandom() {
    float[] random = new float[10_000];
    Random r = new Random(1);
    for (int i = 0; i < random.length; i++) random[i] = (float) r.nextGaussian();
    float[] pruned = random.clone();
    for (int i = 0; i < pruned.length; i++) if (i % 10 != 0) pruned[i] = 0f;

    long dense = ModelFiles.gzipSize(modelWith(rawFloats("w", random)));
    long sparse = ModelFiles.gzipSize(modelWith(rawFloats("w", pruned)));

    assertThat(dense).isGreaterThan(30_000);
    assertThat(sparse).isLessThan(dense / 4);
  }

  @Test
  void sha256_knownVector() {
    assertThat(ModelFiles.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
