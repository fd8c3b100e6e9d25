package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.ConstantFolding;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * INT8 dynamic quantization of Gemm and MatMul layers: weights become per-column symmetric int8 ahead of time,
 * activations are quantized at run time. Each layer {@code Y = A·W (+ C)} becomes
 * {@code DynamicQuantizeLinear(A) → MatMulInteger(a_q, W_q, a_zp, 0) → Cast(float) → Mul(a_scale × w_scale)
 * (→ Add C)}, the pattern ONNX Runtime fuses into {@code DynamicQuantizeMatMul}. Needs no calibration.
 * Convolutions are left fp32 on purpose: ORT's {@code ConvInteger} runs several times slower than fp32 Conv on x86
 * (use {@link QuantizeStaticPass} for them); the notes say how many weights that leaves.
 */
public final class QuantizeDynamicPass implements Pass {

    static final String NAME = "int8-dynamic";

    @Override
    public String technique() {
        return NAME;
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        long opset = model.opsetVersion("").orElse(0L);
        if (opset < 11) {
            throw new PassException(NAME + ": DynamicQuantizeLinear needs opset >= 11 but " + model.origin()
                    + " imports opset " + opset);
        }
        OnnxModel out = model.copy();
        Graph g = out.graph();
        ConstantFolding.foldConstants(g);
        List<String> quantized = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long quantizedWeights = 0;
        int convWeights = 0;
        int counter = 0;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.domain().isEmpty() && n.opType().equals("Conv") && PassSupport.floatWeight(g, n, 1).isPresent()) {
                convWeights++;
            }
            if (!n.domain().isEmpty() || !(n.opType().equals("Gemm") || n.opType().equals("MatMul"))) {
                continue;
            }
            String why = unsupported(g, n);
            if (why != null) {
                skipped.add(PassSupport.describe(n) + ": " + why);
                continue;
            }
            quantizedWeights += rewrite(g, n, g.uniqueName("dq" + counter++));
            quantized.add(n.name());
        }
        int inSubgraphs = g.subgraphInitializerCount();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("quantizedNodes", quantized);
        report.put("quantizedWeights", quantizedWeights);
        report.put("skipped", skipped);
        report.put("convWeightsLeftFp32", convWeights);
        report.put("subgraphWeights", inSubgraphs);
        List<String> notes = new ArrayList<>();
        int total = quantized.size() + skipped.size() + convWeights + inSubgraphs;
        String counts = quantized.size() + " of " + total + " weight tensors quantized to int8 (" + quantizedWeights
                + " weights, Gemm/MatMul)";
        List<String> rest = new ArrayList<>();
        if (convWeights > 0) {
            rest.add(convWeights + " Conv weights stay fp32 (ORT's ConvInteger is slower than fp32 Conv on x86)");
        }
        if (!skipped.isEmpty()) {
            rest.add(skipped.size() + " Gemm/MatMul skipped " + skipped);
        }
        if (inSubgraphs > 0) {
            rest.add(inSubgraphs + " live inside If/Loop/Scan subgraphs");
        }
        notes.add(rest.isEmpty() ? counts : counts + ": " + String.join("; ", rest));
        if (quantized.isEmpty()) {
            return new PassResult(model.copy(), NAME, List.of("nothing quantized: " + notes.get(0)), report, false);
        }
        QuantizeStaticRewriter.removeUnusedInitializers(g);
        g.topologicalSort();
        PassSupport.checkLoads(NAME, out);
        return new PassResult(out, NAME, notes, report);
    }

    private static String unsupported(Graph g, Node n) {
        Optional<Tensor> w = PassSupport.floatWeight(g, n, 1);
        if (w.isEmpty() || w.get().rank() != 2) {
            return "weight is not a 2-D float initializer";
        }
        if (n.opType().equals("Gemm")) {
            if (n.getInt("transA", 0) != 0 || n.getFloat("alpha", 1f) != 1f || n.getFloat("beta", 1f) != 1f) {
                return "transA/alpha/beta other than 0/1/1";
            }
            long outCols = w.get().dims()[n.getInt("transB", 0) == 1 ? 0 : 1];
            String c = n.input(2);
            if (!c.isEmpty() && PassSupport.floatWeight(g, n, 2).map(t -> t.elementCount() != outCols)
                    .orElse(true)) {
                return "bias is not a float initializer of " + outCols + " values";
            }
        }
        return null;
    }

    /** Replaces {@code n} by the dynamic-quantization pattern; returns the number of weights quantized. */
    private static long rewrite(Graph g, Node n, String id) {
        Tensor w = g.initializer(n.input(1)).orElseThrow();
        long[] d = w.dims();
        boolean transB = n.opType().equals("Gemm") && n.getInt("transB", 0) == 1;
        float[] kn = transB ? transpose(w.floats(), (int) d[0], (int) d[1]) : w.floats();
        long[] knDims = transB ? new long[] {d[1], d[0]} : d;
        int cols = (int) knDims[1];
        QuantizeMath.Weights q = QuantizeMath.perChannel(kn, knDims, 1);
        g.putInitializer(Tensor.ofInt8(id + "_w", knDims, q.values()));
        g.putInitializer(Tensor.ofFloats(id + "_ws", new long[] {cols}, q.scales()));
        g.putInitializer(Tensor.ofInt8(id + "_wz", new long[] {cols}, new byte[cols]));
        String a = n.input(0);
        String y = n.output(0);
        boolean bias = n.opType().equals("Gemm") && !n.input(2).isEmpty();
        int at = g.nodes().indexOf(n);
        g.removeNode(n);
        List<Node> added = new ArrayList<>();
        added.add(Node.of(id + "_q", "DynamicQuantizeLinear", List.of(a), List.of(id + "_a", id + "_as", id + "_az")));
        added.add(Node.of(id + "_mm", "MatMulInteger", List.of(id + "_a", id + "_w", id + "_az", id + "_wz"),
                List.of(id + "_i")));
        added.add(Node.of(id + "_c", "Cast", List.of(id + "_i"), List.of(id + "_f"))
                .setAttribute(Attribute.ofInt("to", DataType.FLOAT.code())));
        added.add(Node.of(id + "_s", "Mul", List.of(id + "_as", id + "_ws"), List.of(id + "_sc")));
        added.add(Node.of(id + "_m", "Mul", List.of(id + "_f", id + "_sc"), List.of(bias ? id + "_y" : y)));
        if (bias) {
            added.add(Node.of(id + "_b", "Add", List.of(id + "_y", n.input(2)), List.of(y)));
        }
        for (int i = 0; i < added.size(); i++) {
            g.addNode(at + i, added.get(i));
        }
        return w.elementCount();
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }
}
