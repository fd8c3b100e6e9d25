package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the layers whose output channels (Conv) or hidden units (Gemm, MatMul) can be removed, and every tensor that
 * must shrink with them: the producer's weight and bias, an unfolded BatchNormalization's parameters, and each
 * consumer's input dimension (next Conv's input channels, a Gemm/MatMul's K, through Flatten with its spatial block).
 * The walk from a producer passes only through channel-wise ops; anything else refuses the layer with the reason.
 */
final class ChannelPruneAnalysis {

    /** One tensor edit: keep the kept channels along {@code axis}, each channel spanning {@code block} positions. */
    record Slice(String tensor, int axis, int block) {}

    /**
     * A prunable layer.
     *
     * @param importanceScale per-channel factor of an unfolded BatchNormalization (|γ|/√(var+ε)), or null
     */
    record Layer(Node producer, String weight, int weightAxis, int channels, List<Slice> slices, List<String> values,
            double[] importanceScale) {}

    record Result(List<Layer> layers, Map<String, String> refused) {}

    private static final Set<String> ELEMENTWISE = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid",
            "HardSwish", "Elu", "Selu", "Softplus", "Softsign", "Clip", "Identity", "Dropout", "Gelu", "Mish",
            "Celu", "ThresholdedRelu", "Abs", "Neg");
    private static final Set<String> POOLS = Set.of("MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
            "GlobalMaxPool", "GlobalLpPool");

    private final Graph g;
    private final ShapeInfo shapes;

    private ChannelPruneAnalysis(Graph g, ShapeInfo shapes) {
        this.g = g;
        this.shapes = shapes;
    }

    static Result analyse(Graph g, ShapeInfo shapes) {
        ChannelPruneAnalysis a = new ChannelPruneAnalysis(g, shapes);
        List<Layer> layers = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            if (!n.domain().isEmpty() || !Set.of("Conv", "Gemm", "MatMul").contains(n.opType())) {
                continue;
            }
            try {
                layers.add(a.layer(n));
            } catch (Refusal r) {
                refused.put(n.name().isEmpty() ? n.toString() : n.name(), r.getMessage());
            }
        }
        return new Result(layers, refused);
    }

    private Layer layer(Node p) throws Refusal {
        Tensor w = PassSupport.floatWeight(g, p, 1).orElseThrow(() -> new Refusal("weight input '" + p.input(1)
                + "' is not a FLOAT initializer"));
        List<Slice> slices = new ArrayList<>();
        int axis;
        String bias = p.input(2);
        switch (p.opType()) {
            case "Conv" -> {
                long group = p.getInt("group", 1);
                if (group != 1) {
                    throw new Refusal("grouped/depthwise Conv (group=" + group + "): its output channels are tied to"
                            + " its groups; not pruned");
                }
                axis = 0;
                if (!bias.isEmpty()) {
                    slices.add(new Slice(exclusive(bias, p), 0, 1));
                }
            }
            case "Gemm" -> {
                axis = p.getInt("transB", 0) == 1 ? 0 : 1;
                if (!bias.isEmpty()) {
                    Tensor c = g.initializer(bias).orElseThrow(() -> new Refusal("bias '" + bias
                            + "' is not an initializer"));
                    long n = w.dims()[axis];
                    long[] d = c.dims();
                    if (d.length >= 1 && d[d.length - 1] == n && n > 1) {
                        slices.add(new Slice(exclusive(bias, p), d.length - 1, 1));
                    }
                }
            }
            default -> { // MatMul: X[M,K] · B[K,N]
                if (w.rank() != 2) {
                    throw new Refusal("MatMul weight of rank " + w.rank() + " (only 2-D weights are pruned)");
                }
                axis = 1;
            }
        }
        exclusive(w.name(), p);
        int channels = (int) w.dims()[axis];
        if (channels < 2) {
            throw new Refusal("only " + channels + " output channel");
        }
        slices.add(0, new Slice(w.name(), axis, 1));
        List<String> values = new ArrayList<>();
        double[][] scale = new double[1][];
        walk(p.output(0), !p.opType().equals("Conv"), 1, slices, values, scale);
        return new Layer(p, w.name(), axis, channels, slices, values, scale[0]);
    }

    /** Follows {@code value} to every consumer, collecting slices, until each path ends in a consuming layer. */
    private void walk(String value, boolean features, int block, List<Slice> slices, List<String> values,
            double[][] scale) throws Refusal {
        values.add(value);
        if (g.isGraphOutput(value)) {
            throw new Refusal("its channels reach graph output '" + value + "' (model outputs are never pruned)");
        }
        List<Node> consumers = g.consumersOf(value);
        if (consumers.isEmpty()) {
            throw new Refusal("value '" + value + "' has no consumer");
        }
        for (Node c : consumers) {
            if (!c.input(0).equals(value) || c.inputs().lastIndexOf(value) != 0 || !c.domain().isEmpty()) {
                throw new Refusal("consumer " + PassSupport.describe(c) + " reads '" + value
                        + "' other than as its data input");
            }
            String op = c.opType();
            if (ELEMENTWISE.contains(op) || (!features && POOLS.contains(op))) {
                if (c.outputs().size() > 1 && !c.output(1).isEmpty() && !op.equals("Dropout")) {
                    throw new Refusal("consumer " + PassSupport.describe(c) + " has a second output");
                }
                walk(c.output(0), features, block, slices, values, scale);
            } else if (op.equals("BatchNormalization") && !features) {
                batchNorm(c, slices, scale);
                walk(c.output(0), false, block, slices, values, scale);
            } else if (op.equals("Flatten") && !features) {
                if (c.getInt("axis", 1) != 1) {
                    throw new Refusal("Flatten " + PassSupport.describe(c) + " with axis " + c.getInt("axis", 1));
                }
                long[] s = shapes.require(value);
                long spatial = 1;
                for (int i = 2; i < s.length; i++) {
                    spatial *= s[i];
                }
                walk(c.output(0), true, Math.toIntExact(spatial), slices, values, scale);
            } else if (op.equals("Conv") && !features) {
                long group = c.getInt("group", 1);
                if (group != 1) {
                    throw new Refusal("feeds grouped/depthwise Conv " + PassSupport.describe(c) + " (group=" + group
                            + "): its input channels are tied to its groups");
                }
                slices.add(new Slice(exclusive(weightOf(c), c), 1, 1));
            } else if (op.equals("Gemm") && features) {
                if (c.getInt("transA", 0) != 0) {
                    throw new Refusal("feeds Gemm " + PassSupport.describe(c) + " with transA=1");
                }
                slices.add(new Slice(exclusive(weightOf(c), c), c.getInt("transB", 0) == 1 ? 1 : 0, block));
            } else if (op.equals("MatMul") && features && g.initializer(c.input(1)).map(Tensor::rank).orElse(0) == 2) {
                slices.add(new Slice(exclusive(weightOf(c), c), 0, block));
            } else {
                throw new Refusal("consumer " + PassSupport.describe(c) + " is not channel-wise (cannot rewire it)");
            }
        }
    }

    private void batchNorm(Node bn, List<Slice> slices, double[][] scale) throws Refusal {
        if (bn.outputs().size() > 1) {
            throw new Refusal("BatchNormalization " + PassSupport.describe(bn) + " in training mode");
        }
        for (int i = 1; i <= 4; i++) {
            slices.add(new Slice(exclusive(weightOf(bn, i), bn), 0, 1));
        }
        float[] gamma = g.initializer(bn.input(1)).orElseThrow().floats();
        float[] var = g.initializer(bn.input(4)).orElseThrow().floats();
        double eps = bn.getFloat("epsilon", 1e-5f);
        double[] s = scale[0] == null ? filled(gamma.length) : scale[0];
        for (int i = 0; i < gamma.length; i++) {
            s[i] *= Math.abs(gamma[i]) / Math.sqrt(var[i] + eps);
        }
        scale[0] = s;
    }

    private String weightOf(Node n) throws Refusal {
        return weightOf(n, 1);
    }

    private String weightOf(Node n, int input) throws Refusal {
        Optional<Tensor> t = PassSupport.floatWeight(g, n, input);
        if (t.isEmpty()) {
            throw new Refusal(PassSupport.describe(n) + " input " + input + " ('" + n.input(input)
                    + "') is not a FLOAT initializer");
        }
        return t.get().name();
    }

    /** The tensor name, after checking that only {@code owner} reads it (a shared weight cannot shrink for one). */
    private String exclusive(String tensor, Node owner) throws Refusal {
        if (!g.isInitializer(tensor)) {
            throw new Refusal(PassSupport.describe(owner) + " reads '" + tensor + "', which is not an initializer");
        }
        if (!PassSupport.onlyUsedBy(g, tensor, owner)) {
            throw new Refusal("tensor '" + tensor + "' is shared with other nodes");
        }
        return tensor;
    }

    private static double[] filled(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    /** Why a layer cannot be pruned; control flow only, so no stack trace. */
    static final class Refusal extends Exception {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
