package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which compute layers really run in fp16. ONNX Runtime's CPU provider inserts casts around ops that lack an fp16
 * kernel (and then folds cast pairs away) instead of refusing the model, so a loadable fp16 graph may still compute
 * most layers in fp32. This reads ORT's optimised graph and propagates element types through it: a Cast gives its
 * {@code to} type, any other node the type of its first typed input.
 */
final class Fp16Audit {

    private static final Set<String> COMPUTE = Set.of("Conv", "FusedConv", "Gemm", "FusedGemm", "MatMul",
            "FusedMatMul", "ConvTranspose");

    /** Names of compute nodes of the optimised graph, split by the precision they run in. */
    record Outcome(List<String> fp16, List<String> fp32) {
    }

    private Fp16Audit() {
    }

    static Outcome audit(OnnxModel optimized) {
        Graph g = optimized.graph();
        Map<String, DataType> types = new HashMap<>();
        for (ValueInfo v : g.inputs()) {
            types.put(v.name(), v.elementType());
        }
        for (Tensor t : g.initializers().values()) {
            types.put(t.name(), t.dataType());
        }
        List<String> fp16 = new ArrayList<>();
        List<String> fp32 = new ArrayList<>();
        for (Node n : g.nodes()) {
            DataType type = DataType.UNDEFINED;
            if (n.opType().equals("Cast")) {
                type = DataType.fromCode((int) n.getInt("to", 0));
            } else {
                for (String in : n.inputs()) {
                    DataType t = types.getOrDefault(in, DataType.UNDEFINED);
                    if (t == DataType.FLOAT || t == DataType.FLOAT16) {
                        type = t;
                        break;
                    }
                }
            }
            for (String o : n.outputs()) {
                types.put(o, type);
            }
            if (COMPUTE.contains(n.opType())) {
                (type == DataType.FLOAT16 ? fp16 : fp32).add(n.name());
            }
        }
        return new Outcome(fp16, fp32);
    }
}
