package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.ConstantFolding;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INT8 static quantization in QDQ format with calibration (see {@link QuantizeStaticRewriter} for the rewrite).
 *
 * <ol>
 *   <li>Calibrate: run the fp32 model with every activation read by a quantizable node as an extra output, reduce
 *       each to a range (min-max or percentile).</li>
 *   <li>Per-layer error: for each Conv/Gemm/MatMul, a copy with only that layer quantized runs on the calibration
 *       windows; the relative L2 change of the model output is that layer's error. Layers above
 *       {@link QuantizeStaticConfig#maxLayerError()} stay fp32 (reported in {@code layerErrors}).</li>
 *   <li>Quantize the rest, check the result loads in ONNX Runtime, and measure its output error and top-1
 *       agreement on the calibration windows.</li>
 * </ol>
 * Weights inside If/Loop/Scan subgraphs are not touched and the notes say how many.
 */
public final class QuantizeStaticPass implements Pass {

    static final String NAME = "int8-static";
    private static final Set<String> QUANTIZABLE = Set.of("Conv", "Gemm", "MatMul", "Relu", "MaxPool",
            "GlobalAveragePool", "AveragePool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze");

    private static final Set<String> RANGE_PRESERVING = Set.of("MaxPool", "Flatten", "Reshape", "Transpose",
            "Squeeze", "Unsqueeze");

    private final QuantizeStaticConfig config;

    public QuantizeStaticPass(QuantizeStaticConfig config) {
        this.config = config;
    }

    public static QuantizeStaticPass ofDefaults() {
        return new QuantizeStaticPass(QuantizeStaticConfig.ofDefaults());
    }

    @Override
    public String technique() {
        return NAME;
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        long opset = model.opsetVersion("").orElse(0L);
        if (opset < 13) {
            throw new PassException(NAME + ": per-channel QDQ needs opset >= 13 but " + model.origin()
                    + " imports opset " + opset);
        }
        if (!ctx.hasCalibration()) {
            throw new PassException(NAME + ": needs calibration inputs but the context has none");
        }
        float[][] windows = Arrays.copyOf(ctx.calibrationInputs(),
                Math.min(ctx.calibrationInputs().length, config.maxCalibrationWindows()));
        OnnxModel base = model.copy();
        ConstantFolding.foldConstants(base.graph());
        ShapeInfo shapes = ShapeInfo.infer(base);
        List<Node> nodes = base.graph().nodes();
        List<Integer> candidates = new ArrayList<>();
        Set<String> activations = new LinkedHashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (!n.domain().isEmpty() || !QUANTIZABLE.contains(n.opType()) || n.hasSubgraphs()
                    || config.excludedNodes().contains(n.name()) || config.excludedOpTypes().contains(n.opType())) {
                continue;
            }
            candidates.add(i);
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !base.graph().isInitializer(in)
                        && shapes.elementType(in).orElse(DataType.UNDEFINED) == DataType.FLOAT) {
                    activations.add(in);
                }
            }
            // a folded Relu's output range is read by the next layer, which is a candidate too
        }
        Map<String, CalibrationRange> ranges = new LinkedHashMap<>(Calibrator.calibrate(NAME, base, windows,
                List.copyOf(activations), config.method(), config.percentile()));
        shareRanges(nodes, ranges);
        float[][] reference = CalibrationRunner.outputs(NAME, base, windows);

        List<Map<String, Object>> layerErrors = new ArrayList<>();
        Set<Integer> autoExcluded = new LinkedHashSet<>();
        for (int i : candidates) {
            Node n = nodes.get(i);
            if (!QuantizeStaticRewriter.isWeighted(n) || QuantizeStaticRewriter.weightAxis(base.graph(), n) < 0) {
                continue;
            }
            OnnxModel single = quantized(base, List.of(i), ranges).model();
            double err = QuantizeError.relativeL2(reference, CalibrationRunner.outputs(NAME, single, windows));
            boolean excluded = err > config.maxLayerError();
            if (excluded) {
                autoExcluded.add(i);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", label(n, i));
            row.put("opType", n.opType());
            row.put("relativeL2", err);
            row.put("excluded", excluded);
            layerErrors.add(row);
        }
        List<Integer> included = new ArrayList<>(candidates);
        included.removeAll(autoExcluded);
        Quantized q = quantized(base, included, ranges);
        OnnxModel out = q.model();
        QuantizeStaticRewriter.Outcome outcome = q.outcome();
        PassSupport.checkLoads(NAME, out);
        float[][] y = CalibrationRunner.outputs(NAME, out, windows);
        return result(base, out, outcome, layerErrors, autoExcluded, nodes, reference, y, windows.length);
    }

    private record Quantized(OnnxModel model, QuantizeStaticRewriter.Outcome outcome) {
    }

    private Quantized quantized(OnnxModel base, List<Integer> indices, Map<String, CalibrationRange> ranges) {
        OnnxModel m = base.copy();
        Graph g = m.graph();
        Set<Node> included = Collections.newSetFromMap(new IdentityHashMap<>());
        indices.forEach(i -> included.add(g.nodes().get(i)));
        return new Quantized(m, QuantizeStaticRewriter.rewrite(g, included, ranges, config.activations(),
                config.quantizeBias(), true));
    }

    private PassResult result(OnnxModel base, OnnxModel out, QuantizeStaticRewriter.Outcome o,
            List<Map<String, Object>> layerErrors, Set<Integer> autoExcluded, List<Node> nodes, float[][] reference,
            float[][] y, int windowCount) {
        Graph g = base.graph();
        int weightTensors = (int) g.nodes().stream().filter(n -> QuantizeStaticRewriter.isWeighted(n)
                && PassSupport.floatWeight(g, n, 1).isPresent()).count();
        int inSubgraphs = g.subgraphInitializerCount();
        List<String> notes = new ArrayList<>();
        String counts = o.weightsQuantized() + " of " + (weightTensors + inSubgraphs) + " weight tensors quantized to "
                + "int8 per channel";
        if (inSubgraphs > 0) {
            counts += ": " + inSubgraphs + " live inside If/Loop/Scan subgraphs and stay fp32";
        }
        notes.add(counts);
        notes.add(o.activationsQuantized() + " activations quantized as " + config.activations() + " ("
                + config.method() + (config.method() == CalibrationMethod.PERCENTILE ? " " + config.percentile() : "")
                + ", " + windowCount + " calibration windows); " + o.reluFolded() + " Relu folded into the quantizer; "
                + o.biasesQuantized() + " biases int32");
        List<String> excluded = new ArrayList<>();
        autoExcluded.forEach(i -> excluded.add(label(nodes.get(i), i)));
        if (!excluded.isEmpty()) {
            notes.add("kept fp32 for quantization error above " + config.maxLayerError() + ": " + excluded);
        }
        if (!config.excludedNodes().isEmpty() || !config.excludedOpTypes().isEmpty()) {
            notes.add("kept fp32 on request: nodes " + config.excludedNodes() + ", op types "
                    + config.excludedOpTypes());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("activations", config.activations().name());
        report.put("calibration", config.method().name());
        report.put("percentile", config.percentile());
        report.put("calibrationWindows", windowCount);
        report.put("weightTensors", weightTensors);
        report.put("weightsQuantized", o.weightsQuantized());
        report.put("subgraphWeights", inSubgraphs);
        report.put("activationsQuantized", o.activationsQuantized());
        report.put("biasesQuantized", o.biasesQuantized());
        report.put("reluFolded", o.reluFolded());
        report.put("quantizedNodes", o.weightNodes());
        report.put("autoExcluded", excluded);
        report.put("layerErrors", layerErrors);
        report.put("calibrationRelativeL2", QuantizeError.relativeL2(reference, y));
        report.put("calibrationTop1Agreement", QuantizeError.top1Agreement(reference, y));
        report.put("calibrationMaxAbsDiff", QuantizeError.maxAbsDiff(reference, y));
        if (o.weightsQuantized() == 0) {
            return new PassResult(base, NAME, List.of("no weight tensor was quantized: " + String.join("; ", notes)),
                    report, false);
        }
        return new PassResult(out, NAME, notes, report);
    }

    /**
     * MaxPool and the reshaping ops pass values through unchanged, so their output takes their input's range: ORT
     * runs them on int8 only when the quantization parameters on both sides are identical (a percentile range of a
     * MaxPool output differs from its input's, and measured 2x slower here for that reason).
     */
    private static void shareRanges(List<Node> nodes, Map<String, CalibrationRange> ranges) {
        for (Node n : nodes) {
            if (RANGE_PRESERVING.contains(n.opType()) && n.domain().isEmpty() && ranges.containsKey(n.input(0))
                    && ranges.containsKey(n.output(0))) {
                ranges.put(n.output(0), ranges.get(n.input(0)));
            }
        }
    }

    private static String label(Node n, int index) {
        return n.name().isEmpty() ? n.opType() + "#" + index : n.name();
    }
}
