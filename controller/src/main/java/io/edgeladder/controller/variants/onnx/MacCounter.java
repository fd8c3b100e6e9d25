package io.edgeladder.controller.variants.onnx;

import java.util.ArrayList;
import java.util.List;

/** Per-node multiply-accumulate counts; the rules are documented on {@link ModelStats}. */
final class MacCounter {

    private MacCounter() {
    }

    static List<NodeCost> count(Graph g, ShapeInfo shapes) {
        List<NodeCost> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            out.add(new NodeCost(n.name(), n.opType(), macs(g, n, shapes)));
        }
        return out;
    }

    private static long macs(Graph g, Node n, ShapeInfo shapes) {
        return switch (n.opType()) {
            case "Conv", "ConvInteger" -> conv(n, 1, shapes);
            case "QLinearConv" -> conv(n, 3, shapes);
            case "Gemm" -> gemm(n, shapes);
            case "MatMul", "MatMulInteger" -> matmul(n, 0, shapes);
            case "QLinearMatMul" -> matmul(n, 0, shapes);
            default -> 0;
        };
    }

    private static long conv(Node n, int weightInput, ShapeInfo shapes) {
        long out = shapes.elementCount(n.output(0));
        long[] w = shapes.shape(n.input(weightInput)).orElse(null);
        if (out < 0 || w == null) {
            return 0;
        }
        long perOutput = 1; // (Cin/group) × kernel elements = every W dim after the first
        for (int i = 1; i < w.length; i++) {
            perOutput *= w[i];
        }
        return out * perOutput;
    }

    private static long gemm(Node n, ShapeInfo shapes) {
        long out = shapes.elementCount(n.output(0));
        long[] a = shapes.shape(n.input(0)).orElse(null);
        if (out < 0 || a == null || a.length != 2) {
            return 0;
        }
        long k = n.getInt("transA", 0) != 0 ? a[0] : a[1];
        return out * k;
    }

    private static long matmul(Node n, int aInput, ShapeInfo shapes) {
        long out = shapes.elementCount(n.output(0));
        long[] a = shapes.shape(n.input(aInput)).orElse(null);
        if (out < 0 || a == null || a.length == 0) {
            return 0;
        }
        return out * a[a.length - 1];
    }
}
