package io.edgeladder.bench.fleet;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.edgeladder.protocol.dist.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The bench's ~5 MB ladder: the committed demo ladder ({@code configs/ladder}: the real fp32 and qat variants of
 * vibration-cnn) plus a generated real ONNX rung "wide-fp32" with the same input ({@code [1,3,1024]}) and output
 * ({@code [1,5]}): Flatten → Gemm(3072×{@code hidden}) → Relu → Gemm({@code hidden}×5), seeded random weights
 * (incompressible, like trained ones). It is not trained (its accuracy entry is copied from fp32 and means nothing);
 * it exists so the distribution moves megabytes of a model ORT can load. Stateless; call from any thread.
 */
public final class WideLadder {
  /** Hidden width giving a 4.92 MB wide rung and a 4.99 MB ladder. */
  public static final int DEFAULT_HIDDEN = 400;
  static final int IN = 3 * 1024;
  static final int OUT = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WideLadder() {}

  /**
   * Writes {@code ladder.json}, {@code fp32.onnx}, {@code qat.onnx} and {@code wide-fp32.onnx} into {@code dir}.
   *
   * @param demoLadder the committed {@code configs/ladder} folder
   * @return dir
   */
  public static Path write(Path demoLadder, Path dir, int hidden) throws IOException {
    Files.createDirectories(dir);
    ObjectNode ladder = (ObjectNode) JSON.readTree(demoLadder.resolve("ladder.json").toFile());
    ArrayNode variants = (ArrayNode) ladder.get("variants");
    ObjectNode fp32 = null;
    for (JsonNode v : variants) {
      ObjectNode o = (ObjectNode) v;
      String local = o.get("id").asText() + ".onnx";
      Files.copy(demoLadder.resolve(o.get("file").asText()).normalize(), dir.resolve(local));
      o.put("file", local);
      if (fp32 == null && "fp32".equals(o.get("id").asText())) fp32 = o;
    }
    if (fp32 == null) throw new IOException(demoLadder + "/ladder.json has no fp32 variant to model the wide rung on");
    Path wideFile = dir.resolve("wide-fp32.onnx");
    Files.write(wideFile, model(hidden).toByteArray());
    ObjectNode wide = fp32.deepCopy();
    long params = (long) IN * hidden + hidden + (long) hidden * OUT + OUT;
    wide.put("id", "wide-fp32").put("file", "wide-fp32.onnx").put("sha256", Sha256.hex(wideFile))
        .put("sizeBytes", Files.size(wideFile)).put("compressedSizeBytes", Files.size(wideFile))
        .put("macs", (long) IN * hidden + (long) hidden * OUT).put("parameters", params)
        .put("nonZeroParameters", params);
    variants.insert(0, wide);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("ladder.json").toFile(), ladder);
    return dir;
  }

  /** Flatten → Gemm → Relu → Gemm, input {@code input [1,3,1024]}, output {@code logits [1,5]}. */
  static ModelProto model(int hidden) {
    SplittableRandom rnd = new SplittableRandom(42);
    GraphProto g = GraphProto.newBuilder().setName("wide-fp32")
        .addInput(value("input", 1, 3, 1024)).addOutput(value("logits", 1, OUT))
        .addInitializer(tensor("w1", rnd, IN, hidden)).addInitializer(tensor("b1", rnd, hidden))
        .addInitializer(tensor("w2", rnd, hidden, OUT)).addInitializer(tensor("b2", rnd, OUT))
        .addNode(NodeProto.newBuilder().setName("flatten").setOpType("Flatten").addInput("input").addOutput("flat")
            .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)))
        .addNode(NodeProto.newBuilder().setName("fc1").setOpType("Gemm").addInput("flat").addInput("w1").addInput("b1")
            .addOutput("h"))
        .addNode(NodeProto.newBuilder().setName("relu").setOpType("Relu").addInput("h").addOutput("hr"))
        .addNode(NodeProto.newBuilder().setName("fc2").setOpType("Gemm").addInput("hr").addInput("w2").addInput("b2")
            .addOutput("logits"))
        .build();
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("edgeladder-bench")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
  }

  private static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
  }

  private static TensorProto tensor(String name, SplittableRandom rnd, long... dims) {
    long n = 1;
    for (long d : dims) n *= d;
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
    double scale = 1.0 / Math.sqrt(dims[0]);
    for (long i = 0; i < n; i++) buf.putFloat((float) ((rnd.nextDouble() * 2 - 1) * scale));
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) t.addDims(d);
    return t.setRawData(ByteString.copyFrom(buf.array())).build();
  }
}
