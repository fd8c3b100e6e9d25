package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.util.ArrayList;
import java.util.List;

/** One decomposable node: its weight as W (N×K) and the rewrite into two nodes. */
final class LowRankLayer {

    private final Node node;
    private final Tensor weight;
    private final float[] matrix;
    private final int n;
    private final int k;

    private LowRankLayer(Node node, Tensor weight, float[] matrix, int n, int k) {
        this.node = node;
        this.weight = weight;
        this.matrix = matrix;
        this.n = n;
        this.k = k;
    }

    /**
     * @throws NotEligible with a reason for a Gemm/MatMul/Conv that cannot be decomposed, or with a null message for
     *     nodes of other kinds (not worth reporting)
     */
    static LowRankLayer of(Graph g, Node node) throws NotEligible {
        String op = node.opType();
        if (!node.domain().isEmpty() || !(op.equals("Gemm") || op.equals("MatMul") || op.equals("Conv"))) {
            throw new NotEligible(null);
        }
        Tensor w = PassSupport.floatWeight(g, node, 1).orElseThrow(() -> new NotEligible("weight '" + node.input(1)
                + "' is not a FLOAT initializer"));
        if (!PassSupport.onlyUsedBy(g, w.name(), node)) {
            throw new NotEligible("weight '" + w.name() + "' is shared with other nodes");
        }
        long[] d = w.dims();
        switch (op) {
            case "Gemm" -> {
                boolean transB = node.getInt("transB", 0) == 1;
                int rows = (int) d[0];
                int cols = (int) d[1];
                float[] f = w.floats();
                return transB ? new LowRankLayer(node, w, f, rows, cols)
                        : new LowRankLayer(node, w, LowRankSvd.transpose(f, rows, cols), cols, rows);
            }
            case "MatMul" -> {
                if (w.rank() != 2) {
                    throw new NotEligible("MatMul weight of rank " + w.rank() + " (only 2-D)");
                }
                return new LowRankLayer(node, w, LowRankSvd.transpose(w.floats(), (int) d[0], (int) d[1]),
                        (int) d[1], (int) d[0]);
            }
            default -> {
                for (int i = 2; i < d.length; i++) {
                    if (d[i] != 1) {
                        throw new NotEligible("Conv kernel " + java.util.Arrays.toString(d) + " is not 1x1");
                    }
                }
                if (node.getInt("group", 1) != 1) {
                    throw new NotEligible("grouped Conv (group=" + node.getInt("group", 1) + ")");
                }
                return new LowRankLayer(node, w, w.floats(), (int) d[0], (int) d[1]);
            }
        }
    }

    float[] matrix() { return matrix; }
    int n() { return n; }
    int k() { return k; }

    /** Replaces the node by K→r ({@code first}, K×r) and r→N ({@code second}, r×N) nodes. */
    void replace(Graph g, float[] first, float[] second, int r) {
        String base = node.name().isEmpty() ? node.opType() : node.name();
        String w1 = g.uniqueName(weight.name() + "_lowrank_a");
        String w2 = g.uniqueName(weight.name() + "_lowrank_b");
        String mid = g.uniqueName(node.output(0) + "_lowrank");
        Node a;
        Node b;
        List<String> bInputs = new ArrayList<>(List.of(mid, w2));
        switch (node.opType()) {
            case "Gemm" -> {
                g.putInitializer(Tensor.ofFloats(w1, new long[] {k, r}, first));
                g.putInitializer(Tensor.ofFloats(w2, new long[] {r, n}, second));
                a = Node.of(g.uniqueName(base + "_lowrank_a"), "Gemm", List.of(node.input(0), w1), List.of(mid));
                a.setAttribute(Attribute.ofInt("transA", node.getInt("transA", 0)));
                if (!node.input(2).isEmpty()) {
                    bInputs.add(node.input(2));
                }
                b = Node.of(g.uniqueName(base + "_lowrank_b"), "Gemm", bInputs, List.of(node.output(0)));
                b.setAttribute(Attribute.ofFloat("alpha", node.getFloat("alpha", 1f)));
                b.setAttribute(Attribute.ofFloat("beta", node.getFloat("beta", 1f)));
            }
            case "MatMul" -> {
                g.putInitializer(Tensor.ofFloats(w1, new long[] {k, r}, first));
                g.putInitializer(Tensor.ofFloats(w2, new long[] {r, n}, second));
                a = Node.of(g.uniqueName(base + "_lowrank_a"), "MatMul", List.of(node.input(0), w1), List.of(mid));
                b = Node.of(g.uniqueName(base + "_lowrank_b"), "MatMul", bInputs, List.of(node.output(0)));
            }
            default -> { // 1x1 Conv: weights [out, in, 1, ...]
                long[] d = weight.dims();
                long[] d1 = d.clone();
                d1[0] = r;
                d1[1] = k;
                long[] d2 = d.clone();
                d2[0] = n;
                d2[1] = r;
                g.putInitializer(Tensor.ofFloats(w1, d1, LowRankSvd.transpose(first, k, r)));
                g.putInitializer(Tensor.ofFloats(w2, d2, LowRankSvd.transpose(second, r, n)));
                a = Node.of(g.uniqueName(base + "_lowrank_a"), "Conv", List.of(node.input(0), w1), List.of(mid));
                node.attributes().values().forEach(a::setAttribute); // strides, pads, dilations act on the input side
                if (!node.input(2).isEmpty()) {
                    bInputs.add(node.input(2));
                }
                b = Node.of(g.uniqueName(base + "_lowrank_b"), "Conv", bInputs, List.of(node.output(0)));
                long[] ones = new long[d.length - 2];
                java.util.Arrays.fill(ones, 1);
                b.setAttribute(Attribute.ofInts("kernel_shape", ones));
            }
        }
        int at = g.nodes().indexOf(node);
        g.removeNode(node);
        g.addNode(at, b);
        g.addNode(at, a);
        g.initializers().remove(weight.name());
        g.inputs().removeIf(v -> v.name().equals(weight.name()));
    }

    /** Why a node is not decomposed; control flow only. */
    static final class NotEligible extends Exception {
        NotEligible(String reason) {
            super(reason, null, false, false);
        }
    }
}
