package io.edgeladder.controller.variants.passes;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import io.edgeladder.controller.variants.passes.ChannelPrune.Criterion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random Conv/Gemm graphs (jqwik is not in the build): pruning keeps shapes consistent and ORT runs it. */
class ChannelPrunePropertyTest {

    private static final int CASES = 200;

    @Test
    void apply_randomConvGemmGraphs_shapesConsistentAndRunsInOrt() throws Exception {
        int pruned = 0;
        int depthwise = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Case c = randomCase(seed);
            double ratio = new double[] {0.25, 0.5, 0.75}[(int) (seed % 3)];
            Criterion crit = seed % 2 == 0 ? Criterion.L1 : Criterion.L2;
            PassResult r = ChannelPrune.uniform(crit, ratio).apply(c.model, PassContext.none());
            String label = "seed " + seed + " " + c.description;

            float[] x = PassTestModels.randomInput((int) Arrays.stream(c.inputShape).reduce(1, (a, b) -> a * b), seed);
            float[] before = PassTestModels.run(c.model, c.inputShape, x);
            float[] after = PassTestModels.run(r.model(), c.inputShape, x);
            assertThat(after).as(label).hasSameSizeAs(before);
            assertThat(ShapeInfo.infer(r.model()).require(c.output)).as(label)
                    .containsExactly(ShapeInfo.infer(c.model).require(c.output));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Integer>> layers = (Map<String, Map<String, Integer>>) r.report().get("layers");
            for (var e : layers.entrySet()) {
                int channels = e.getValue().get("channels");
                int expected = channels - Math.min(channels - 1, (int) Math.floor(ratio * channels + 1e-9));
                assertThat(e.getValue().get("kept")).as(label + " layer " + e.getKey()).isEqualTo(expected);
            }
            @SuppressWarnings("unchecked")
            Map<String, String> refused = (Map<String, String>) r.report().get("refused");
            assertThat(refused).as(label).containsKey(c.lastGemm);
            for (String dw : c.depthwise) {
                assertThat(refused.get(dw)).as(label).contains("grouped/depthwise Conv (group=");
                depthwise++;
            }
            for (String feeder : c.feedsDepthwise) {
                assertThat(refused.get(feeder)).as(label).containsAnyOf("feeds grouped/depthwise Conv",
                        "only 1 output channel");
            }
            pruned += r.changed() ? 1 : 0;
        }
        assertThat(pruned).as("cases that pruned something").isGreaterThan(CASES / 2);
        assertThat(depthwise).as("depthwise convs seen").isGreaterThan(10);
    }

    record Case(OnnxModel model, long[] inputShape, String output, String lastGemm, List<String> depthwise,
            List<String> feedsDepthwise, String description) {}

    static Case randomCase(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + 13);
        boolean twoD = r.nextInt(4) == 0;
        int cin = 1 + r.nextInt(4);
        long[] shape = twoD ? new long[] {1, cin, 8 + r.nextInt(8), 8 + r.nextInt(8)}
                : new long[] {1, cin, 16 + r.nextInt(48)};
        PassTestModels.Builder b = new PassTestModels.Builder().input("input", shape);
        StringBuilder desc = new StringBuilder(Arrays.toString(shape));
        List<String> depthwise = new ArrayList<>();
        List<String> feedsDepthwise = new ArrayList<>();
        String x = "input";
        int c = cin;
        int spatialRank = shape.length - 2;
        String lastConv = null;
        int blocks = 1 + r.nextInt(3);
        for (int i = 0; i < blocks; i++) {
            boolean dw = i > 0 && c > 1 && r.nextInt(5) == 0;
            int cout = dw ? c : 1 + r.nextInt(12);
            int k = 1 + 2 * r.nextInt(3);
            long[] wd = new long[2 + spatialRank];
            wd[0] = cout;
            wd[1] = dw ? 1 : c;
            long[] ks = new long[spatialRank];
            long[] pads = new long[2 * spatialRank];
            for (int s = 0; s < spatialRank; s++) {
                wd[2 + s] = k;
                ks[s] = k;
                pads[s] = k / 2;
                pads[s + spatialRank] = k / 2;
            }
            int n = (int) Arrays.stream(wd).reduce(1, (p, q) -> p * q);
            String w = b.init("w", wd, PassTestModels.randomWeights(r, n, 0.5));
            String bias = b.init("b", new long[] {cout}, PassTestModels.randomWeights(r, cout, 0.1));
            x = b.node("Conv", List.of(x, w, bias), Attribute.ofInts("kernel_shape", ks), Attribute.ofInts("pads", pads),
                    Attribute.ofInt("group", dw ? c : 1));
            String convNode = "n_" + x;
            if (dw) {
                if (lastConv != null && !depthwise.contains(lastConv)) {
                    feedsDepthwise.add(lastConv);
                }
                depthwise.add(convNode);
                desc.append(" dw").append(cout);
            } else {
                desc.append(" conv").append(cout).append("k").append(k);
            }
            lastConv = convNode;
            if (r.nextInt(10) < 3) {
                x = b.node("BatchNormalization", List.of(x, b.init("g", new long[] {cout}, positive(r, cout)),
                        b.init("beta", new long[] {cout}, PassTestModels.randomWeights(r, cout, 0.1)),
                        b.init("mean", new long[] {cout}, PassTestModels.randomWeights(r, cout, 0.1)),
                        b.init("var", new long[] {cout}, positive(r, cout))));
                desc.append("+bn");
            }
            x = b.node("Relu", List.of(x));
            if (r.nextInt(10) < 4) {
                long[] two = new long[spatialRank];
                Arrays.fill(two, 2);
                x = b.node("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", two), Attribute.ofInts("strides",
                        two));
                desc.append("+pool");
            }
            c = cout;
        }
        long features = c;
        if (r.nextInt(10) < 7) {
            x = b.node("GlobalAveragePool", List.of(x));
            desc.append(" gap");
        } else {
            features = -1; // Flatten of the spatial map: K = channels x spatial, measured below
            desc.append(" flatten");
        }
        x = b.node("Flatten", List.of(x), Attribute.ofInt("axis", 1));
        if (features < 0) {
            OnnxModel probe = b.build(x);
            features = ShapeInfo.infer(probe).require(x)[1];
            b = rebuildWithoutOutput(b);
        }
        int hidden = 2 + r.nextInt(16);
        if (r.nextInt(10) < 3) {
            x = b.node("MatMul", List.of(x, b.init("mm", new long[] {features, hidden},
                    PassTestModels.randomWeights(r, (int) features * hidden, 0.3))));
            desc.append(" matmul").append(hidden);
        } else {
            boolean transB = r.nextBoolean();
            long[] d = transB ? new long[] {hidden, features} : new long[] {features, hidden};
            x = b.node("Gemm", List.of(x, b.init("fc", d, PassTestModels.randomWeights(r, (int) features * hidden,
                    0.3)), b.init("fcb", new long[] {hidden}, PassTestModels.randomWeights(r, hidden, 0.1))),
                    Attribute.ofInt("transB", transB ? 1 : 0));
            desc.append(" gemm").append(hidden).append(transB ? "T" : "");
        }
        x = b.node("Relu", List.of(x));
        int classes = 2 + r.nextInt(5);
        x = b.node("Gemm", List.of(x, b.init("out", new long[] {classes, hidden}, PassTestModels.randomWeights(r,
                classes * hidden, 0.3)), b.init("outb", new long[] {classes}, PassTestModels.randomWeights(r, classes,
                0.1))), Attribute.ofInt("transB", 1));
        return new Case(b.build(x), shape, x, "n_" + x, depthwise, feedsDepthwise, desc.toString());
    }

    private static PassTestModels.Builder rebuildWithoutOutput(PassTestModels.Builder b) {
        b.clearOutputs();
        return b;
    }

    private static float[] positive(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.5 + r.nextDouble());
        }
        return v;
    }
}
