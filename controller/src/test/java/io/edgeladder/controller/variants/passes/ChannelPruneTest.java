package io.edgeladder.controller.variants.passes;

import static io.edgeladder.controller.variants.passes.PassTestModels.INPUT_SHAPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import io.edgeladder.controller.variants.onnx.Tensor;
import io.edgeladder.controller.variants.passes.ChannelPrune.Criterion;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelPruneTest {

    private static final String CONV0 = "/features/features.0/Conv";
    private static final String CONV1 = "/features/features.4/Conv";
    private static final String HIDDEN = "/head/head.2/Gemm";

    @Test
    void apply_zeroFiltersPruned_outputsIdentical() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        OnnxModel zeroed = base.copy();
        Graph g = zeroed.graph();
        zeroFilters(g, "onnx::Conv_41", "onnx::Conv_42", 0, Set.of(1, 4, 7, 12)); // conv0: 16 filters
        zeroFilters(g, "onnx::Conv_47", "onnx::Conv_48", 0, Set.of(0, 5, 6, 33, 40, 63, 2, 9)); // conv2: 64
        zeroFilters(g, "head.2.weight", "head.2.bias", 0, Set.of(3, 17, 31, 8)); // hidden Gemm (transB=1): 32
        PassResult r = ChannelPrune.perLayer(Criterion.L1, Map.of(CONV0, 4 / 16.0,
                "/features/features.8/Conv", 8 / 64.0, HIDDEN, 4 / 32.0)).apply(zeroed, PassContext.none());

        assertThat(r.changed()).isTrue();
        Graph p = r.model().graph();
        assertThat(p.initializer("onnx::Conv_41").orElseThrow().dims()).containsExactly(12, 3, 7);
        assertThat(p.initializer("onnx::Conv_44").orElseThrow().dims()).containsExactly(32, 12, 5);
        assertThat(p.initializer("onnx::Conv_47").orElseThrow().dims()).containsExactly(56, 32, 3);
        assertThat(p.initializer("head.2.weight").orElseThrow().dims()).containsExactly(28, 56);
        assertThat(p.initializer("head.4.weight").orElseThrow().dims()).containsExactly(5, 28);
        for (long seed = 0; seed < 5; seed++) {
            float[] x = PassTestModels.randomInput(3 * 1024, seed);
            assertThat(PassTestModels.maxAbsDiff(PassTestModels.run(zeroed, INPUT_SHAPE, x),
                    PassTestModels.run(r.model(), INPUT_SHAPE, x))).isLessThan(1e-5);
        }
    }

    @Test
    void apply_uniformHalf_shrinksEveryHiddenLayerButNeverTheLogits() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = ChannelPrune.uniform(Criterion.L2, 0.5).apply(base, PassContext.none());

        Graph p = r.model().graph();
        assertThat(p.initializer("onnx::Conv_41").orElseThrow().dims()).containsExactly(8, 3, 7);
        assertThat(p.initializer("onnx::Conv_44").orElseThrow().dims()).containsExactly(16, 8, 5);
        assertThat(p.initializer("onnx::Conv_47").orElseThrow().dims()).containsExactly(32, 16, 3);
        assertThat(p.initializer("head.2.weight").orElseThrow().dims()).containsExactly(16, 32);
        assertThat(p.initializer("head.4.weight").orElseThrow().dims()).containsExactly(5, 16);
        assertThat(p.initializer("head.4.bias").orElseThrow().dims()).containsExactly(5);
        assertThat(r.report().get("refused")).asString().contains("/head/head.4/Gemm", "graph output 'logits'");
        assertThat(ShapeInfo.infer(r.model()).require("logits")).containsExactly(1, 5);
        assertThat((long) r.report().get("parametersAfter")).isLessThan((long) r.report().get("parametersBefore"));
        assertThat(base.graph().initializer("onnx::Conv_41").orElseThrow().dims()).containsExactly(16, 3, 7);
    }

    @Test
    void apply_globalRatio_removesThatShareOfAllChannels() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.TEACHER);
        PassResult r = ChannelPrune.global(Criterion.L1, 0.25).apply(base, PassContext.none());

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Integer>> layers = (Map<String, Map<String, Integer>>) r.report().get("layers");
        int before = layers.values().stream().mapToInt(m -> m.get("channels")).sum();
        int after = layers.values().stream().mapToInt(m -> m.get("kept")).sum();
        assertThat(before - after).isEqualTo((int) Math.floor(0.25 * before));
        PassTestModels.run(r.model(), INPUT_SHAPE, PassTestModels.randomInput(3 * 1024, 1));
    }

    @Test
    void apply_unknownLayerName_failsNamingIt() {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        assertThatThrownBy(() -> ChannelPrune.perLayer(Criterion.L1, Map.of("/head/head.4/Gemm", 0.5))
                .apply(base, PassContext.none()))
                .isInstanceOf(PassException.class).hasMessageContaining("/head/head.4/Gemm")
                .hasMessageContaining("graph output");
    }

    @Test
    void apply_zeroRatio_reportsUnchanged() throws Exception {
        PassResult r = ChannelPrune.uniform(Criterion.L1, 0).apply(OnnxIo.read(PassTestModels.VIBRATION_CNN),
                PassContext.none());
        assertThat(r.changed()).isFalse();
        assertThat(r.notes().get(0)).contains("no channel removed");
    }

    @Test
    void uniform_ratioOutOfRange_isRefused() {
        assertThatThrownBy(() -> ChannelPrune.uniform(Criterion.L1, 1.0))
                .hasMessage("channel-prune: ratio must be in [0, 1) but was 1.0");
    }

    /** Zeroes filters (rows along {@code axis}) and their bias entries. */
    static void zeroFilters(Graph g, String weight, String bias, int axis, Set<Integer> rows) {
        Tensor w = g.initializer(weight).orElseThrow();
        float[] v = w.floats();
        int per = (int) (w.elementCount() / w.dims()[0]);
        for (int row : rows) {
            java.util.Arrays.fill(v, row * per, (row + 1) * per, 0f);
        }
        g.putInitializer(Tensor.ofFloats(weight, w.dims(), v));
        Tensor b = g.initializer(bias).orElseThrow();
        float[] bv = b.floats();
        rows.forEach(row -> bv[row] = 0f);
        g.putInitializer(Tensor.ofFloats(bias, b.dims(), bv));
    }
}
