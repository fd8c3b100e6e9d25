package io.edgeladder.controller.variants.passes;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Inserts ONNX QDQ pairs into a graph, in place: each activation read by an included node passes through
 * {@code QuantizeLinear → DequantizeLinear} (per-tensor), each included Conv/Gemm/MatMul weight becomes an int8
 * per-channel initializer behind a {@code DequantizeLinear}, and biases become int32 (scale = input scale × weight
 * scale) when asked. Excluded nodes keep reading the float values. ONNX Runtime fuses the pairs into QLinearConv /
 * QGemm / quantized MaxPool at session creation. Inserted names are short ({@code q3_s}) because on models of a few
 * thousand weights the graph text is a visible part of the file size.
 */
final class QuantizeStaticRewriter {

    /** What the rewrite did. */
    record Outcome(int weightsQuantized, int activationsQuantized, int biasesQuantized, int reluFolded,
            List<String> weightNodes) {
    }

    private final Graph g;
    private final Set<Node> included;
    private final Map<String, QuantizeMath.Params> params;
    private final QuantizeActivations activations;
    private final Map<String, String> dequantized = new HashMap<>();
    private int counter;

    private QuantizeStaticRewriter(Graph g, Set<Node> included, Map<String, CalibrationRange> ranges,
            QuantizeActivations activations) {
        this.g = g;
        this.included = included;
        this.activations = activations;
        this.params = new HashMap<>();
        ranges.forEach((k, r) -> params.put(k, QuantizeMath.activation(r, activations)));
    }

    /**
     * @param included nodes of {@code g} to quantize (by identity)
     * @param ranges calibrated ranges of the activations (graph input and node outputs)
     */
    static Outcome rewrite(Graph g, Set<Node> included, Map<String, CalibrationRange> ranges,
            QuantizeActivations activations, boolean quantizeBias, boolean foldRelu) {
        return new QuantizeStaticRewriter(g, included, ranges, activations).run(quantizeBias, foldRelu);
    }

    /** True for ops whose input 1 is a weight this rewriter quantizes per channel. */
    static boolean isWeighted(Node n) {
        return n.domain().isEmpty() && (n.opType().equals("Conv") || n.opType().equals("Gemm")
                || n.opType().equals("MatMul"));
    }

    /** The per-channel axis of {@code n}'s weight, or -1 when it cannot be quantized per channel. */
    static int weightAxis(Graph g, Node n) {
        Optional<Tensor> w = PassSupport.floatWeight(g, n, 1);
        if (w.isEmpty() || w.get().rank() < 2) {
            return -1;
        }
        return switch (n.opType()) {
            case "Conv" -> 0;
            case "Gemm" -> w.get().rank() == 2 && n.getInt("transA", 0) == 0 ? (n.getInt("transB", 0) == 1 ? 0 : 1) : -1;
            case "MatMul" -> w.get().rank() == 2 ? 1 : -1;
            default -> -1;
        };
    }

    private Outcome run(boolean quantizeBias, boolean foldRelu) {
        int folded = foldRelu && activations == QuantizeActivations.UINT8_ASYMMETRIC ? foldRelus() : 0;
        int weights = 0;
        int biases = 0;
        List<String> weightNodes = new ArrayList<>();
        for (Node n : new ArrayList<>(g.nodes())) {
            if (!included.contains(n)) {
                continue;
            }
            for (int i = 0; i < n.inputs().size(); i++) {
                String v = n.input(i);
                if (!v.isEmpty() && !g.isInitializer(v) && params.containsKey(v)) {
                    n.inputs().set(i, dequantizedActivation(v));
                }
            }
            int axis = isWeighted(n) ? weightAxis(g, n) : -1;
            if (axis >= 0) {
                QuantizeMath.Weights w = quantizeWeight(n, axis);
                weights++;
                weightNodes.add(n.name());
                if (quantizeBias && quantizeBias(n, w)) {
                    biases++;
                }
            }
        }
        removeUnusedInitializers();
        g.topologicalSort();
        return new Outcome(weights, dequantized.size(), biases, folded, weightNodes);
    }

    /** Conv/Gemm → Relu (sole consumer, both included): the uint8 Q of the Relu's output clips at 0 itself. */
    private int foldRelus() {
        int folded = 0;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (!included.contains(n) || !isWeighted(n)) {
                continue;
            }
            String out = n.output(0);
            List<Node> consumers = g.consumersOf(out);
            if (g.isGraphOutput(out) || consumers.size() != 1 || !consumers.get(0).opType().equals("Relu")) {
                continue;
            }
            Node relu = consumers.get(0);
            String reluOut = relu.output(0);
            boolean allIncluded = g.consumersOf(reluOut).stream().allMatch(included::contains);
            QuantizeMath.Params p = params.get(reluOut);
            if (!included.contains(relu) || g.isGraphOutput(reluOut) || !allIncluded || p == null
                    || p.zeroPoint() != 0) {
                continue;
            }
            n.outputs().set(0, reluOut);
            g.removeNode(relu);
            folded++;
        }
        return folded;
    }

    private String dequantizedActivation(String v) {
        String existing = dequantized.get(v);
        if (existing != null) {
            return existing;
        }
        QuantizeMath.Params p = params.get(v);
        String id = g.uniqueName("q" + counter++);
        String scale = id + "_s";
        String zp = id + "_z";
        g.putInitializer(Tensor.ofFloats(scale, new long[0], new float[] {p.scale()}));
        byte[] z = {(byte) p.zeroPoint()};
        g.putInitializer(activations.dataType() == DataType.UINT8 ? Tensor.ofUint8(zp, new long[0], z)
                : Tensor.ofInt8(zp, new long[0], z));
        g.addNode(Node.of(id + "_Q", "QuantizeLinear", List.of(v, scale, zp), List.of(id)));
        g.addNode(Node.of(id + "_DQ", "DequantizeLinear", List.of(id, scale, zp), List.of(id + "_d")));
        dequantized.put(v, id + "_d");
        return id + "_d";
    }

    private QuantizeMath.Weights quantizeWeight(Node n, int axis) {
        Tensor w = g.initializer(n.input(1)).orElseThrow();
        QuantizeMath.Weights q = QuantizeMath.perChannel(w.floats(), w.dims(), axis);
        String id = g.uniqueName("w" + counter++);
        int channels = q.scales().length;
        g.putInitializer(Tensor.ofInt8(id, w.dims(), q.values()));
        g.putInitializer(Tensor.ofFloats(id + "_s", new long[] {channels}, q.scales()));
        g.putInitializer(Tensor.ofInt8(id + "_z", new long[] {channels}, new byte[channels]));
        g.addNode(Node.of(id + "_DQ", "DequantizeLinear", List.of(id, id + "_s", id + "_z"), List.of(id + "_d"))
                .setAttribute(Attribute.ofInt("axis", axis)));
        n.inputs().set(1, id + "_d");
        return q;
    }

    /** Bias → int32 when it is a 1-D float initializer of one value per output channel and the input is quantized. */
    private boolean quantizeBias(Node n, QuantizeMath.Weights w) {
        Optional<Tensor> b = PassSupport.floatWeight(g, n, 2);
        String in = n.input(0);
        Optional<String> source = dequantized.entrySet().stream().filter(e -> e.getValue().equals(in))
                .map(Map.Entry::getKey).findFirst();
        boolean gemmScaled = n.opType().equals("Gemm")
                && (n.getFloat("alpha", 1f) != 1f || n.getFloat("beta", 1f) != 1f);
        if (b.isEmpty() || source.isEmpty() || b.get().rank() != 1 || b.get().elementCount() != w.scales().length
                || gemmScaled) {
            return false;
        }
        float inScale = params.get(source.get()).scale();
        String id = g.uniqueName("b" + counter++);
        int channels = w.scales().length;
        g.putInitializer(Tensor.ofInt32(id, new long[] {channels}, QuantizeMath.bias(b.get().floats(), inScale,
                w.scales())));
        g.putInitializer(Tensor.ofFloats(id + "_s", new long[] {channels}, QuantizeMath.biasScales(inScale,
                w.scales())));
        g.putInitializer(Tensor.ofInt32(id + "_z", new long[] {channels}, new int[channels]));
        g.addNode(Node.of(id + "_DQ", "DequantizeLinear", List.of(id, id + "_s", id + "_z"), List.of(id + "_d"))
                .setAttribute(Attribute.ofInt("axis", 0)));
        n.inputs().set(2, id + "_d");
        return true;
    }

    private void removeUnusedInitializers() {
        removeUnusedInitializers(g);
    }

    /** Drops initializers no node reads, counting reads from inside If/Loop/Scan subgraphs (outer-scope names). */
    static void removeUnusedInitializers(Graph g) {
        Set<String> used = new HashSet<>();
        g.nodes().forEach(n -> used.addAll(n.inputs()));
        g.outputs().forEach(v -> used.add(v.name()));
        used.addAll(subgraphReads(g));
        g.initializers().keySet().removeIf(name -> !used.contains(name)
                && g.inputs().stream().noneMatch(v -> v.name().equals(name)));
    }

    /** Names read by nodes inside If/Loop/Scan subgraphs, recursively (includes outer-scope values). */
    static Set<String> subgraphReads(Graph g) {
        Set<String> used = new HashSet<>();
        for (Node n : g.nodes()) {
            n.attributes().values().forEach(a -> a.subgraphs().forEach(sub -> collectReads(sub, used)));
        }
        return used;
    }

    private static void collectReads(GraphProto sub, Set<String> used) {
        for (NodeProto n : sub.getNodeList()) {
            used.addAll(n.getInputList());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    collectReads(a.getG(), used);
                }
                a.getGraphsList().forEach(inner -> collectReads(inner, used));
            }
        }
        sub.getOutputList().forEach(v -> used.add(v.getName()));
    }
}
