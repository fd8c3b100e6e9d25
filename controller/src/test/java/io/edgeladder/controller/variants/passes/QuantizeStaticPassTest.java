package io.edgeladder.controller.variants.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuantizeStaticPassTest {

    @Test
    void apply_vibrationCnn_agreesWithFp32OnValidationSet() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        PassResult r = QuantizeStaticPass.ofDefaults().apply(base, QuantizeTestData.calibration(64));

        float[][] all = QuantizeTestData.allWindows();
        float[][] ref = CalibrationRunner.outputs("test", base, all);
        float[][] q = CalibrationRunner.outputs("test", r.model(), all);
        double agreement = QuantizeError.top1Agreement(ref, q);
        double maxAbs = QuantizeError.maxAbsDiff(ref, q);
        System.out.printf("int8-static uint8: top-1 agreement %.4f, max abs diff %.4f, notes %s%n", agreement, maxAbs,
                r.notes());
        assertThat(agreement).isGreaterThanOrEqualTo(0.99);
        assertThat(r.changed()).isTrue();
        assertThat(r.technique()).isEqualTo("int8-static");
        assertThat(r.report()).containsEntry("weightsQuantized", 5).containsEntry("weightTensors", 5);
        assertThat(r.notes().get(0)).startsWith("5 of 5 weight tensors quantized");
        assertSignatureKept(base, r.model());
    }

    @Test
    void apply_vibrationCnn_weightsAreInt8PerChannel() throws Exception {
        PassResult r = QuantizeStaticPass.ofDefaults().apply(QuantizeTestData.model(), QuantizeTestData.calibration(16));
        Graph g = r.model().graph();
        List<Node> convs = g.nodes().stream().filter(n -> n.opType().equals("Conv")).toList();
        assertThat(convs).hasSize(3);
        for (Node conv : convs) {
            Node dq = g.producerOf(conv.input(1)).orElseThrow();
            assertThat(dq.opType()).isEqualTo("DequantizeLinear");
            assertThat(g.initializer(dq.input(0)).orElseThrow().dataType()).isEqualTo(DataType.INT8);
            long channels = g.initializer(dq.input(0)).orElseThrow().dims()[0];
            assertThat(g.initializer(dq.input(1)).orElseThrow().elementCount()).isEqualTo(channels);
            assertThat(g.initializers().get(dq.input(2)).ints()).containsOnly(0);
            assertThat(g.producerOf(conv.input(0)).orElseThrow().opType()).isEqualTo("DequantizeLinear");
            assertThat(g.initializer(g.producerOf(conv.input(2)).orElseThrow().input(0)).orElseThrow().dataType())
                    .isEqualTo(DataType.INT32);
        }
        assertThat(r.model().toBytes().length).isLessThan(QuantizeTestData.model().toBytes().length / 2);
    }

    @Test
    void apply_excludedByNameAndType_staysFp32() throws Exception {
        String first = "/features/features.0/Conv";
        QuantizeStaticConfig cfg = QuantizeStaticConfig.ofDefaults().withExcluded(Set.of(first), Set.of("Gemm"));
        PassResult r = new QuantizeStaticPass(cfg).apply(QuantizeTestData.model(), QuantizeTestData.calibration(16));
        Graph g = r.model().graph();
        for (Node n : g.nodes()) {
            if (n.name().equals(first) || n.opType().equals("Gemm")) {
                assertThat(g.initializer(n.input(1)).orElseThrow().dataType()).as(n.name()).isEqualTo(DataType.FLOAT);
                for (String in : n.inputs()) {
                    assertThat(g.producerOf(in).map(Node::opType).orElse("")).as(n.name() + " reads " + in)
                            .isNotEqualTo("DequantizeLinear");
                }
            }
        }
        assertThat(r.report()).containsEntry("weightsQuantized", 2);
        assertThat(r.notes()).anyMatch(s -> s.contains("kept fp32 on request"));
    }

    @Test
    void apply_anyModel_reportsPerLayerErrorTable() throws Exception {
        PassResult r = QuantizeStaticPass.ofDefaults().apply(QuantizeTestData.model(), QuantizeTestData.calibration(16));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> table = (List<Map<String, Object>>) r.report().get("layerErrors");
        assertThat(table).hasSize(5);
        assertThat(table).allSatisfy(row -> {
            assertThat(row).containsKeys("node", "opType", "relativeL2", "excluded");
            assertThat((double) row.get("relativeL2")).isBetween(0.0, 0.05);
        });
    }

    @Test
    void apply_layerErrorAboveThreshold_excludesLayerAutomatically() throws Exception {
        QuantizeStaticConfig cfg = QuantizeStaticConfig.ofDefaults().withMaxLayerError(1e-9);
        PassResult r = new QuantizeStaticPass(cfg).apply(QuantizeTestData.model(), QuantizeTestData.calibration(8));
        assertThat((List<?>) r.report().get("autoExcluded")).hasSize(5);
        assertThat(r.changed()).isFalse();
        assertThat(r.notes().get(0)).startsWith("no weight tensor was quantized");
    }

    @Test
    void apply_int8SymmetricActivations_agreesWithFp32() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        QuantizeStaticConfig cfg = QuantizeStaticConfig.ofDefaults()
                .withActivations(QuantizeActivations.INT8_SYMMETRIC).withCalibration(CalibrationMethod.MIN_MAX, 100);
        PassResult r = new QuantizeStaticPass(cfg).apply(base, QuantizeTestData.calibration(32));
        float[][] all = QuantizeTestData.allWindows();
        double agreement = QuantizeError.top1Agreement(CalibrationRunner.outputs("t", base, all),
                CalibrationRunner.outputs("t", r.model(), all));
        assertThat(agreement).isGreaterThanOrEqualTo(0.99);
        assertThat(r.report()).containsEntry("reluFolded", 0).containsEntry("activations", "INT8_SYMMETRIC");
    }

    @Test
    void apply_noCalibration_throwsNamingPass() {
        assertThatThrownBy(() -> QuantizeStaticPass.ofDefaults().apply(QuantizeTestData.model(), PassContext.none()))
                .isInstanceOf(PassException.class).hasMessageContaining("int8-static").hasMessageContaining("calibration");
    }

    static void assertSignatureKept(OnnxModel base, OnnxModel out) {
        assertThat(out.graph().inputs()).extracting(ValueInfo::toString)
                .containsExactlyElementsOf(base.graph().inputs().stream().map(ValueInfo::toString).toList());
        assertThat(out.graph().outputs()).extracting(ValueInfo::toString)
                .containsExactlyElementsOf(base.graph().outputs().stream().map(ValueInfo::toString).toList());
    }
}
