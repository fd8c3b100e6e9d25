package io.edgeladder.controller.variants.passes;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantizeDynamicPassTest {

    @Test
    void apply_vibrationCnn_quantizesBothGemmsAndKeepsConvsFp32() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        PassResult r = new QuantizeDynamicPass().apply(base, PassContext.none());
        Graph g = r.model().graph();
        assertThat(g.nodes()).extracting(Node::opType).doesNotContain("Gemm")
                .contains("DynamicQuantizeLinear", "MatMulInteger");
        List<Node> mm = g.nodes().stream().filter(n -> n.opType().equals("MatMulInteger")).toList();
        assertThat(mm).hasSize(2);
        for (Node n : mm) {
            assertThat(g.initializer(n.input(1)).orElseThrow().dataType()).isEqualTo(DataType.INT8);
        }
        assertThat(g.nodes().stream().filter(n -> n.opType().equals("Conv")))
                .allSatisfy(c -> assertThat(g.initializer(c.input(1)).orElseThrow().dataType())
                        .isEqualTo(DataType.FLOAT));
        assertThat(r.technique()).isEqualTo("int8-dynamic");
        assertThat(r.notes().get(0)).startsWith("2 of 5 weight tensors quantized to int8 (2208 weights")
                .contains("3 Conv weights stay fp32");
        QuantizeStaticPassTest.assertSignatureKept(base, r.model());
    }

    @Test
    void apply_vibrationCnn_agreesWithFp32OnValidationSet() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        PassResult r = new QuantizeDynamicPass().apply(base, PassContext.none());
        float[][] all = QuantizeTestData.allWindows();
        float[][] ref = CalibrationRunner.outputs("t", base, all);
        float[][] q = CalibrationRunner.outputs("t", r.model(), all);
        assertThat(QuantizeError.top1Agreement(ref, q)).isGreaterThanOrEqualTo(0.99);
        assertThat(QuantizeError.relativeL2(ref, q)).isLessThan(0.05).isGreaterThan(0);
    }

    @Test
    void apply_noGemmOrMatMul_returnsUnchangedWithReason() throws Exception {
        OnnxModel convOnly = QuantizeTestData.model();
        Graph g = convOnly.graph();
        // cut the head: the model ends at the GlobalAveragePool output
        String gap = g.nodes().stream().filter(n -> n.opType().equals("GlobalAveragePool")).findFirst().orElseThrow()
                .output(0);
        for (Node n : List.copyOf(g.nodes())) {
            if (List.of("Flatten", "Gemm", "Relu").contains(n.opType()) && !g.producerOf(gap).orElseThrow()
                    .equals(n) && g.nodes().indexOf(n) > g.nodes().indexOf(g.producerOf(gap).orElseThrow())) {
                g.removeNode(n);
            }
        }
        g.outputs().set(0, io.edgeladder.controller.variants.onnx.ValueInfo.of(gap, DataType.FLOAT, 1, 64, 1));
        PassResult r = new QuantizeDynamicPass().apply(convOnly, PassContext.none());
        assertThat(r.changed()).isFalse();
        assertThat(r.notes().get(0)).startsWith("nothing quantized: 0 of 3 weight tensors");
    }
}
