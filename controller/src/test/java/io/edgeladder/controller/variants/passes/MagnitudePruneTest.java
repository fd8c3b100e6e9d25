package io.edgeladder.controller.variants.passes;

import static io.edgeladder.controller.variants.passes.PassTestModels.INPUT_SHAPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MagnitudePruneTest {

    @Test
    void apply_zeroSparsity_identicalModel() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = MagnitudePrune.global(0).apply(base, PassContext.none());

        assertThat(r.changed()).isFalse();
        assertThat(r.model().toBytes()).isEqualTo(base.toBytes());
        float[] x = PassTestModels.randomInput(3 * 1024, 3);
        assertThat(PassTestModels.run(r.model(), INPUT_SHAPE, x)).containsExactly(PassTestModels.run(base,
                INPUT_SHAPE, x));
    }

    @Test
    void apply_perLayerHalf_everyLayerHalfSparseAndSmallerGzip() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = MagnitudePrune.perLayer(0.5).apply(base, PassContext.none());

        @SuppressWarnings("unchecked")
        Map<String, Double> layers = (Map<String, Double>) r.report().get("layerSparsity");
        assertThat(layers).hasSize(5).containsEntry("onnx::Conv_41", 0.5).containsEntry("head.4.weight", 0.5);
        assertThat((long) r.report().get("prunedGzipBytes")).isLessThan((long) r.report().get("denseGzipBytes"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("latency unchanged"));
        assertThat(r.model().graph().initializer("onnx::Conv_42").orElseThrow().floats()) // biases untouched
                .containsExactly(base.graph().initializer("onnx::Conv_42").orElseThrow().floats());
    }

    @Test
    void apply_global_hitsTheExactOverallCount() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.TEACHER);
        PassResult r = MagnitudePrune.global(0.7).apply(base, PassContext.none());

        double achieved = (double) r.report().get("achievedSparsity");
        assertThat(achieved).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-4));
        @SuppressWarnings("unchecked")
        Map<String, Double> layers = (Map<String, Double>) r.report().get("layerSparsity");
        assertThat(layers.values().stream().distinct().count()).isGreaterThan(1); // one threshold, uneven layers
    }

    @Test
    void zeroSmallest_ties_brokenByIndex() {
        float[] w = {0.5f, -0.1f, 0.1f, 0.3f, -0.1f};
        MagnitudePrune.zeroSmallest(w, 2);
        assertThat(w).containsExactly(0.5f, 0f, 0f, 0.3f, -0.1f);
    }

    @Test
    void global_sparsityOne_isRefused() {
        assertThatThrownBy(() -> MagnitudePrune.global(1.0))
                .hasMessage("magnitude-prune: sparsity must be in [0, 1) but was 1.0");
    }
}
