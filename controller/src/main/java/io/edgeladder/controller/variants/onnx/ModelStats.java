package io.edgeladder.controller.variants.onnx;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Static facts about a model, for {@code variants inspect} and for the ladder's metrics.
 *
 * <ul>
 *   <li>{@code opHistogram}: op type → node count (top-level graph; {@code domain:op} for non-default domains).</li>
 *   <li>{@code parameters}: elements of the top-level initializers of floating-point or 8-bit type; INT32/INT64
 *       tensors (shapes, indices, QDQ int32 biases) are not. Subgraph weights
 *       are not included but listed in {@code subgraphWeights}.</li>
 *   <li>{@code sizeBytes}: serialised model size.</li>
 *   <li>{@code macs}: multiply-accumulates per inference at the measured shapes: Conv (and ConvInteger,
 *       QLinearConv) = output elements × (Cin/group) × kernel elements; Gemm = M×N×K; MatMul (and MatMulInteger)
 *       = output elements × K. Every other op (activations, pooling, element-wise, QDQ) counts 0, like the usual
 *       FLOP counters.</li>
 *   <li>{@code weights}: per weight tensor, which techniques apply and, if not, why.</li>
 * </ul>
 *
 * @param shapeAssumptions dynamic dimensions set to 1 to measure shapes (see {@link ShapeInfo#assumptions()})
 */
public record ModelStats(SortedMap<String, Integer> opHistogram, long parameters, long sizeBytes, long macs,
        List<NodeCost> nodeCosts, List<WeightInfo> weights, List<SubgraphWeight> subgraphWeights,
        List<String> shapeAssumptions) {

    public ModelStats {
        opHistogram = new TreeMap<>(opHistogram);
        nodeCosts = List.copyOf(nodeCosts);
        weights = List.copyOf(weights);
        subgraphWeights = List.copyOf(subgraphWeights);
        shapeAssumptions = List.copyOf(shapeAssumptions);
        if (parameters < 0 || sizeBytes < 0 || macs < 0) {
            throw new IllegalArgumentException("model stats: parameters, sizeBytes and macs must be >= 0 but were "
                    + parameters + ", " + sizeBytes + ", " + macs);
        }
    }

    /** Measures shapes with ONNX Runtime ({@link ShapeInfo#infer}) and computes the stats. */
    public static ModelStats of(OnnxModel model) {
        return of(model, ShapeInfo.infer(model));
    }

    public static ModelStats of(OnnxModel model, ShapeInfo shapes) {
        Graph g = model.graph();
        SortedMap<String, Integer> hist = new TreeMap<>();
        for (Node n : g.nodes()) {
            hist.merge(n.domain().isEmpty() ? n.opType() : n.domain() + ":" + n.opType(), 1, Integer::sum);
        }
        long params = 0;
        for (Tensor t : g.initializers().values()) {
            if (t.dataType().isFloatingPoint() || t.dataType().byteSize() == 1) {
                params += t.elementCount();
            }
        }
        List<NodeCost> costs = MacCounter.count(g, shapes);
        long macs = costs.stream().mapToLong(NodeCost::macs).sum();
        return new ModelStats(hist, params, model.toBytes().length, macs, costs, WeightAnalysis.analyse(g),
                g.subgraphWeights(), shapes.assumptions());
    }

    /** Weights for which {@code technique} applies: counts for "12 of 40 weight tensors quantized" reports. */
    public long applicableCount(java.util.function.Function<WeightInfo, WeightInfo.Verdict> technique) {
        return weights.stream().filter(w -> technique.apply(w).applicable()).count();
    }
}
