package io.edgeladder.controller.variants.passes;

import static io.edgeladder.controller.variants.passes.PassTestModels.INPUT_SHAPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LowRankTest {

    @Test
    void apply_fullRankOnVibrationCnn_outputsEqualWithinFloatTolerance() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.TEACHER);
        PassResult r = LowRank.ofRank(1000).allowingLarger().apply(base, PassContext.none());

        assertThat(r.changed()).isTrue();
        assertThat(r.model().graph().nodes().stream().filter(n -> n.opType().equals("Gemm")).count()).isEqualTo(4);
        for (long seed = 0; seed < 5; seed++) {
            float[] x = PassTestModels.randomInput(3 * 1024, seed);
            assertThat(PassTestModels.maxAbsDiff(PassTestModels.run(base, INPUT_SHAPE, x),
                    PassTestModels.run(r.model(), INPUT_SHAPE, x))).isLessThan(1e-4);
        }
    }

    @Test
    void apply_fullRankMatMulAndOneByOneConv_outputsEqual() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        PassTestModels.Builder b = new PassTestModels.Builder().input("input", 1, 6, 10);
        String x = b.node("Conv", List.of("input", b.init("w", new long[] {9, 6, 1},
                PassTestModels.randomWeights(rnd, 54, 0.5)), b.init("b", new long[] {9},
                PassTestModels.randomWeights(rnd, 9, 0.1))), Attribute.ofInts("kernel_shape", 1),
                Attribute.ofInts("strides", 2), Attribute.ofInts("pads", 1, 1));
        x = b.node("Flatten", List.of(x), Attribute.ofInt("axis", 1)); // [1, 9 x 6]
        x = b.node("MatMul", List.of(x, b.init("m", new long[] {54, 7}, PassTestModels.randomWeights(rnd, 378, 0.3))));
        OnnxModel m = b.build(x);
        PassResult r = LowRank.ofRank(64).allowingLarger().apply(m, PassContext.none());

        assertThat(r.model().graph().nodes().stream().map(n -> n.opType()).toList())
                .containsExactly("Conv", "Conv", "Flatten", "MatMul", "MatMul");
        float[] in = PassTestModels.randomInput(60, 9);
        assertThat(PassTestModels.maxAbsDiff(PassTestModels.run(m, new long[] {1, 6, 10}, in),
                PassTestModels.run(r.model(), new long[] {1, 6, 10}, in))).isLessThan(1e-4);
    }

    @Test
    void apply_rankFive_skipsLayersWhereFactorsWouldBeLarger() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = LowRank.ofRank(5).apply(base, PassContext.none());

        @SuppressWarnings("unchecked")
        Map<String, String> skipped = (Map<String, String>) r.report().get("skipped");
        assertThat(skipped.get("/head/head.4/Gemm")).isEqualTo( // 5 x (5 + 32) = 185 >= 5 x 32
                "rank 5 factors of a 5x32 weight hold 185 parameters, not fewer than 160");
        assertThat(skipped.get("/features/features.0/Conv")).contains("not 1x1");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> layers = (Map<String, Map<String, Object>>) r.report().get("layers");
        assertThat(layers.get("/head/head.2/Gemm")).containsEntry("rank", 5).containsEntry("parametersAfter", 480L);
    }

    @Test
    void apply_energy_choosesSmallestRankReachingIt() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.TEACHER);
        PassResult r = LowRank.ofEnergy(0.9).apply(base, PassContext.none());

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> layers = (Map<String, Map<String, Object>>) r.report().get("layers");
        assertThat(layers).containsKey("/head/head.2/Gemm");
        for (Map<String, Object> l : layers.values()) {
            assertThat((double) l.get("energy")).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(r.technique()).isEqualTo("low-rank(energy=0.90)");
    }

    @Test
    void apply_rankOne_approximatesAndLoads() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = LowRank.ofRank(1).apply(base, PassContext.none());

        assertThat(r.technique()).isEqualTo("low-rank(rank=1)");
        assertThat(r.model().graph().initializers()).containsKey("head.2.weight_lowrank_a")
                .doesNotContainKey("head.2.weight");
        assertThat(r.model().graph().initializer("head.2.weight_lowrank_a").orElseThrow().dims())
                .containsExactly(64, 1);
        PassTestModels.run(r.model(), INPUT_SHAPE, PassTestModels.randomInput(3 * 1024, 2));
    }
}
