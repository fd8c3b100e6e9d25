package io.edgeladder.controller.variants.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds {@code Constant} nodes into initializers, so passes find every weight in {@link Graph#initializers()}.
 */
public final class ConstantFolding {

    private ConstantFolding() {
    }

    /**
     * Replaces each top-level {@code Constant} node whose payload is {@code value}, {@code value_float(s)} or
     * {@code value_int(s)} by an initializer named after its output. Constants inside subgraphs stay (see
     * {@link Graph#subgraphWeights()}); sparse or string constants are left as nodes.
     *
     * @return how many nodes were folded
     */
    public static int foldConstants(Graph graph) {
        List<Node> folded = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (!n.opType().equals("Constant") || !n.domain().isEmpty() || n.outputs().size() != 1) {
                continue;
            }
            Tensor t = payload(n);
            if (t != null) {
                graph.putInitializer(t);
                folded.add(n);
            }
        }
        folded.forEach(graph::removeNode);
        return folded.size();
    }

    private static Tensor payload(Node n) {
        String out = n.output(0);
        if (n.hasAttribute("value")) {
            return n.getTensor("value").map(t -> t.withName(out)).orElse(null);
        }
        if (n.hasAttribute("value_float")) {
            return Tensor.ofFloats(out, new long[0], new float[] {n.getFloat("value_float", 0f)});
        }
        if (n.hasAttribute("value_floats")) {
            float[] v = n.getFloats("value_floats", new float[0]);
            return Tensor.ofFloats(out, new long[] {v.length}, v);
        }
        if (n.hasAttribute("value_int")) {
            return Tensor.ofInt64(out, new long[0], new long[] {n.getInt("value_int", 0)});
        }
        if (n.hasAttribute("value_ints")) {
            long[] v = n.getInts("value_ints", new long[0]);
            return Tensor.ofInt64(out, new long[] {v.length}, v);
        }
        return null;
    }
}
