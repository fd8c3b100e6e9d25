package io.edgeladder.controller.variants.passes;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Fp16PassTest {

    @Test
    void apply_vibrationCnn_outputsWithin1e2OfFp32() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        PassResult r = Fp16Pass.ofDefaults().apply(base, PassContext.none());
        float[][] all = QuantizeTestData.allWindows();
        float[][] ref = CalibrationRunner.outputs("t", base, all);
        float[][] half = CalibrationRunner.outputs("t", r.model(), all);
        // logits reach ~58 here, where one fp16 step is 0.03: the 1e-2 bound is relative to each window's logit range
        assertThat(maxScaledDiff(ref, half)).isLessThan(1e-2).isGreaterThan(0);
        assertThat(QuantizeError.top1Agreement(ref, half)).isEqualTo(1.0);
        QuantizeStaticPassTest.assertSignatureKept(base, r.model());
    }

    @Test
    void apply_vibrationCnn_storesEveryWeightInHalfPrecision() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        PassResult r = Fp16Pass.ofDefaults().apply(base, PassContext.none());
        assertThat(r.model().graph().initializers().values()).extracting(Tensor::dataType)
                .doesNotContain(DataType.FLOAT).contains(DataType.FLOAT16);
        assertThat(r.report()).containsEntry("weightsConverted", 10);
        assertThat(r.model().toBytes().length).isLessThan(base.toBytes().length * 6 / 10);
        assertThat(r.technique()).isIn("fp16", "fp16-weights");
        List<?> ortHalf = (List<?>) r.report().get("ortFp16Layers");
        List<?> ortFull = (List<?>) r.report().get("ortFp32Layers");
        assertThat(ortHalf.size() + ortFull.size()).isEqualTo(5);
        assertThat(r.technique()).isEqualTo(ortHalf.isEmpty() ? "fp16-weights" : "fp16");
    }

    @Test
    void apply_keepConvFp32_castsAroundConvs() throws Exception {
        OnnxModel base = QuantizeTestData.model();
        PassResult r = new Fp16Pass(Set.of("Conv")).apply(base, PassContext.none());
        assertThat(r.model().graph().nodes().stream().filter(n -> n.opType().equals("Conv")))
                .allSatisfy(c -> assertThat(r.model().graph().producerOf(c.input(1)).orElseThrow().opType())
                        .isEqualTo("Cast"));
        float[][] all = QuantizeTestData.allWindows();
        assertThat(maxScaledDiff(CalibrationRunner.outputs("t", base, all),
                CalibrationRunner.outputs("t", r.model(), all))).isLessThan(1e-2);
        assertThat(r.notes()).anyMatch(s -> s.startsWith("11 of 14 nodes declared fp16 (2 of 5"));
    }

    /** max over windows of max|y - ref| / max(1, max|ref|): the difference relative to the window's output range. */
    static double maxScaledDiff(float[][] ref, float[][] y) {
        double max = 0;
        for (int w = 0; w < ref.length; w++) {
            double diff = 0;
            double range = 1;
            for (int i = 0; i < ref[w].length; i++) {
                diff = Math.max(diff, Math.abs(y[w][i] - ref[w][i]));
                range = Math.max(range, Math.abs(ref[w][i]));
            }
            max = Math.max(max, diff / range);
        }
        return max;
    }
}
