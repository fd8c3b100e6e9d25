package io.edgeladder.controller.variants.passes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weights inside an If subgraph are left alone and the passes say so ("partial result"). */
class QuantizeSubgraphTest {

    /** tiny-conv whose Gemm output goes through If(cond): then adds a bias held inside the branch, else passes. */
    static OnnxModel withIfSubgraph() {
        OnnxModel m = OnnxIo.read(QuantizeTestData.TINY_CONV);
        Graph g = m.graph();
        Node gemm = g.nodes().stream().filter(n -> n.opType().equals("Gemm")).findFirst().orElseThrow();
        gemm.outputs().set(0, "pre");
        g.putInitializer(Tensor.ofRaw("cond", DataType.BOOL, new long[0], new byte[] {1}));
        GraphProto then = GraphProto.newBuilder().setName("then")
                .addInitializer(Tensor.ofFloats("branch_bias", new long[] {5}, new float[] {0.1f, -0.1f, 0, 0, 0.2f})
                        .toProto())
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("pre").addInput("branch_bias")
                        .addOutput("t_out"))
                .addOutput(ValueInfo.of("t_out", DataType.FLOAT, 1, 5).toProto()).build();
        GraphProto otherwise = GraphProto.newBuilder().setName("else")
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("pre").addOutput("e_out"))
                .addOutput(ValueInfo.of("e_out", DataType.FLOAT, 1, 5).toProto()).build();
        Node iff = Node.of("branch", "If", List.of("cond"), List.of("logits"))
                .setAttribute(Attribute.fromProto(AttributeProto.newBuilder().setName("then_branch")
                        .setType(AttributeProto.AttributeType.GRAPH).setG(then).build()))
                .setAttribute(Attribute.fromProto(AttributeProto.newBuilder().setName("else_branch")
                        .setType(AttributeProto.AttributeType.GRAPH).setG(otherwise).build()));
        g.addNode(iff);
        return m;
    }

    @Test
    void staticQuantize_weightsInsideIf_reportsPartialResult() throws Exception {
        OnnxModel base = withIfSubgraph();
        PassResult r = QuantizeStaticPass.ofDefaults().apply(base, QuantizeTestData.calibration(16));
        assertThat(r.notes().get(0))
                .isEqualTo("2 of 3 weight tensors quantized to int8 per channel: 1 live inside If/Loop/Scan subgraphs"
                        + " and stay fp32");
        assertThat(r.report()).containsEntry("subgraphWeights", 1);
        float[][] all = QuantizeTestData.allWindows();
        assertThat(QuantizeError.top1Agreement(CalibrationRunner.outputs("t", base, all),
                CalibrationRunner.outputs("t", r.model(), all))).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void dynamicQuantize_weightsInsideIf_reportsPartialResult() throws Exception {
        PassResult r = new QuantizeDynamicPass().apply(withIfSubgraph(), PassContext.none());
        assertThat(r.notes().get(0)).startsWith("1 of 3 weight tensors quantized to int8 (40 weights")
                .contains("1 Conv weights stay fp32").contains("1 live inside If/Loop/Scan subgraphs");
    }

    @Test
    void fp16_weightsInsideIf_reportsThemFp32() throws Exception {
        PassResult r = Fp16Pass.ofDefaults().apply(withIfSubgraph(), PassContext.none());
        assertThat(r.notes().get(0)).endsWith("1 live inside If/Loop/Scan subgraphs and stay fp32");
    }
}
