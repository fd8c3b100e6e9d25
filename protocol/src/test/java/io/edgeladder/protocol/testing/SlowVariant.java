package io.edgeladder.protocol.testing;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A variant that computes exactly what the base computes but takes far longer: the base graph plus a chain of
 * {@code [1024 x 1024]} MatMul + Tanh over the input whose sum is multiplied by zero and added to the logits.
 * Outputs are bit-identical to the base (the golden check passes), latency is real: an agent that serves it
 * really misses a deadline of a few milliseconds. Stateless.
 */
public final class SlowVariant {
  public static final int WIDTH = 1024;

  private SlowVariant() {}

  /** Writes the slow copy of {@code base} with {@code matmuls} links in the chain to {@code out}. */
  public static Path write(Path base, int matmuls, Path out) throws IOException {
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(base));
    OnnxMl.GraphProto.Builder g = model.getGraph().toBuilder();
    String input = g.getInput(0).getName();
    String logits = g.getOutput(0).getName();
    for (OnnxMl.NodeProto.Builder n : g.getNodeBuilderList()) {
      for (int i = 0; i < n.getOutputCount(); i++) {
        if (n.getOutput(i).equals(logits)) n.setOutput(i, logits + "_base");
      }
    }
    g.addInitializer(weights());
    g.addInitializer(OnnxMl.TensorProto.newBuilder().setName("slow_zero")
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addFloatData(0f).build());
    String h = input;
    for (int i = 0; i < matmuls; i++) {
      g.addNode(node("MatMul", "slow_mm" + i, new String[] {h, "slow_w"}, "slow_m" + i));
      g.addNode(node("Tanh", "slow_tanh" + i, new String[] {"slow_m" + i}, "slow_h" + i));
      h = "slow_h" + i;
    }
    g.addNode(node("ReduceSum", "slow_sum", new String[] {h}, "slow_s").toBuilder()
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("keepdims").setI(0)
            .setType(OnnxMl.AttributeProto.AttributeType.INT)).build());
    g.addNode(node("Mul", "slow_times_zero", new String[] {"slow_s", "slow_zero"}, "slow_z"));
    g.addNode(node("Add", "slow_add", new String[] {logits + "_base", "slow_z"}, logits));
    Files.write(out, model.toBuilder().setGraph(g).build().toByteArray());
    return out;
  }

  private static OnnxMl.TensorProto weights() {
    Random random = new Random(7);
    ByteBuffer b = ByteBuffer.allocate(WIDTH * WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
    float scale = (float) Math.sqrt(3.0 / WIDTH); // uniform with variance 1/WIDTH: the chain neither grows nor dies
    for (int i = 0; i < WIDTH * WIDTH; i++) b.putFloat((random.nextFloat() * 2 - 1) * scale);
    return OnnxMl.TensorProto.newBuilder().setName("slow_w").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addDims(WIDTH).addDims(WIDTH).setRawData(ByteString.copyFrom(b.array())).build();
  }

  private static OnnxMl.NodeProto node(String op, String name, String[] inputs, String output) {
    OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
    for (String in : inputs) n.addInput(in);
    return n.build();
  }
}
