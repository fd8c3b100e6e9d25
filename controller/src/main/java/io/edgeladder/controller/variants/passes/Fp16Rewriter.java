package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import io.edgeladder.controller.variants.onnx.Tensor;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a graph, in place, to fp16 weights and compute: float initializers are stored as fp16, nodes run in fp16
 * unless their op type is kept in fp32, and a {@code Cast} sits wherever a value crosses between the two (graph
 * inputs and outputs stay float32). Consecutive fp32 nodes share values without casts; a cast of a value is made
 * once. An fp16 weight read by an fp32 node goes through a Cast that ONNX Runtime folds at load time, so the file
 * still stores it in half the bytes.
 */
final class Fp16Rewriter {

    /** What the rewrite did. */
    record Outcome(int halfNodes, int fp32Nodes, int halfComputeLayers, int computeLayers, int weightsConverted,
            int casts) {
    }

    private static final Set<String> COMPUTE = Set.of("Conv", "Gemm", "MatMul", "ConvTranspose");

    private final Graph g;
    private final Map<String, DataType> precision = new HashMap<>();
    private final Map<String, String> casts = new HashMap<>();
    private int castCount;

    private Fp16Rewriter(Graph g) {
        this.g = g;
    }

    /**
     * @param types element types of every value of the fp32 graph (measured)
     * @param keepFp32 op types that stay fp32 (no fp16 kernel on this runtime)
     */
    static Outcome rewrite(Graph g, ShapeInfo types, Set<String> keepFp32) {
        return new Fp16Rewriter(g).run(types, keepFp32);
    }

    private Outcome run(ShapeInfo types, Set<String> keepFp32) {
        // subgraphs read outer values by name and were typed for float32: whatever they read stays float32
        Set<String> subgraphReads = QuantizeStaticRewriter.subgraphReads(g);
        for (ValueInfo in : g.inputs()) {
            if (!g.isInitializer(in.name()) && in.elementType() == DataType.FLOAT) {
                precision.put(in.name(), DataType.FLOAT);
            }
        }
        int weights = 0;
        for (Tensor t : new ArrayList<>(g.initializers().values())) {
            if (t.dataType() != DataType.FLOAT || subgraphReads.contains(t.name())) {
                continue;
            }
            g.putInitializer(Tensor.ofFloat16(t.name(), t.dims(), t.floats()));
            precision.put(t.name(), DataType.FLOAT16);
            weights++;
        }
        int half = 0;
        int fp32 = 0;
        int halfCompute = 0;
        int compute = 0;
        for (Node n : new ArrayList<>(g.nodes())) {
            boolean inHalf = n.domain().isEmpty() && !keepFp32.contains(n.opType()) && !n.opType().equals("Cast")
                    && !n.hasSubgraphs() && n.outputs().stream().noneMatch(subgraphReads::contains);
            DataType want = inHalf ? DataType.FLOAT16 : DataType.FLOAT;
            for (int i = 0; i < n.inputs().size(); i++) {
                String v = n.input(i);
                DataType have = precision.get(v);
                if (have != null && have != want) {
                    n.inputs().set(i, castOf(v, want));
                }
            }
            for (String o : n.outputs()) {
                if (types.elementType(o).orElse(DataType.UNDEFINED) == DataType.FLOAT) {
                    precision.put(o, want);
                }
            }
            if (inHalf) {
                half++;
            } else {
                fp32++;
            }
            if (COMPUTE.contains(n.opType())) {
                compute++;
                halfCompute += inHalf ? 1 : 0;
            }
        }
        for (ValueInfo out : new ArrayList<>(g.outputs())) {
            if (precision.get(out.name()) == DataType.FLOAT16) {
                String inner = g.uniqueName(out.name() + "_h");
                g.nodes().forEach(n -> n.outputs().replaceAll(o -> o.equals(out.name()) ? inner : o));
                g.nodes().forEach(n -> n.replaceInput(out.name(), inner));
                g.addNode(Node.of(inner + "_cast", "Cast", List.of(inner), List.of(out.name()))
                        .setAttribute(Attribute.ofInt("to", DataType.FLOAT.code())));
                castCount++;
            }
        }
        g.valueInfos().clear(); // declared types are stale; ONNX Runtime infers them again
        g.topologicalSort();
        return new Outcome(half, fp32, halfCompute, compute, weights, castCount);
    }

    private String castOf(String v, DataType to) {
        return casts.computeIfAbsent(v + "|" + to, k -> {
            String name = g.uniqueName(v + (to == DataType.FLOAT16 ? "_h" : "_f"));
            g.addNode(Node.of(name + "_cast", "Cast", List.of(v), List.of(name))
                    .setAttribute(Attribute.ofInt("to", to.code())));
            castCount++;
            return name;
        });
    }
}
