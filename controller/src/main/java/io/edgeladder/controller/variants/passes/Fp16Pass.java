package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.ConstantFolding;
import io.edgeladder.controller.variants.onnx.ModelCheck;
import io.edgeladder.controller.variants.onnx.ModelCheckException;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FP16 weights and compute with float32 at the boundaries (see {@link Fp16Rewriter}). Which ops have fp16 kernels
 * is asked of the ONNX Runtime in use, not assumed: the pass loads the rewrite, and each op type ORT reports as
 * lacking an implementation is kept in fp32 (with casts around it) and the rewrite is retried. When no Conv/Gemm/MatMul
 * is left in fp16, the result is honestly {@code fp16-weights}: half-size storage, fp32 compute.
 */
public final class Fp16Pass implements Pass {

    static final String NAME = "fp16";
    static final String WEIGHTS_ONLY = "fp16-weights";
    private static final Pattern MISSING_KERNEL = Pattern.compile("implementation for (\\w+)\\(");

    private final Set<String> keepFp32;

    /** @param keepFp32 op types to keep in fp32 from the start (besides those ORT lacks fp16 kernels for) */
    public Fp16Pass(Set<String> keepFp32) {
        this.keepFp32 = Set.copyOf(keepFp32);
    }

    public static Fp16Pass ofDefaults() {
        return new Fp16Pass(Set.of());
    }

    @Override
    public String technique() {
        return NAME;
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        OnnxModel base = model.copy();
        ConstantFolding.foldConstants(base.graph());
        ShapeInfo types = ShapeInfo.infer(base);
        Set<String> keep = new LinkedHashSet<>(keepFp32);
        List<String> discovered = new ArrayList<>();
        for (int attempt = 0; attempt <= base.graph().nodes().size(); attempt++) {
            OnnxModel out = base.copy();
            Fp16Rewriter.Outcome o = Fp16Rewriter.rewrite(out.graph(), types, keep);
            try {
                ModelCheck.loadsInOrt(out);
                return result(base, out, o, discovered, Fp16Audit.audit(CalibrationRunner.optimized(NAME, out)));
            } catch (ModelCheckException e) {
                Matcher m = MISSING_KERNEL.matcher(e.getMessage());
                if (!m.find() || !keep.add(m.group(1))) {
                    throw new PassException(NAME + ": the rewritten model does not load in onnxruntime: "
                            + e.getMessage(), e);
                }
                discovered.add(m.group(1));
            }
        }
        throw new PassException(NAME + ": gave up after keeping " + keep + " in fp32");
    }

    private PassResult result(OnnxModel base, OnnxModel out, Fp16Rewriter.Outcome o, List<String> discovered,
            Fp16Audit.Outcome ort) {
        int inSubgraphs = base.graph().subgraphInitializerCount();
        boolean computes = !ort.fp16().isEmpty();
        List<String> notes = new ArrayList<>();
        notes.add(o.weightsConverted() + " float weight tensors stored as fp16"
                + (inSubgraphs > 0 ? "; " + inSubgraphs + " live inside If/Loop/Scan subgraphs and stay fp32" : ""));
        notes.add(o.halfNodes() + " of " + (o.halfNodes() + o.fp32Nodes()) + " nodes declared fp16 ("
                + o.halfComputeLayers() + " of " + o.computeLayers() + " Conv/Gemm/MatMul), " + o.casts() + " casts");
        notes.add("onnxruntime runs " + ort.fp16().size() + " of " + (ort.fp16().size() + ort.fp32().size())
                + " compute layers in fp16 " + ort.fp16() + (ort.fp32().isEmpty() ? "" : "; in fp32 (it casts "
                + "around CPU kernels that lack fp16): " + ort.fp32()));
        if (!discovered.isEmpty()) {
            notes.add("kept fp32, no fp16 kernel in this onnxruntime: " + discovered);
        }
        if (!computes) {
            notes.add("no compute layer runs in fp16 on this onnxruntime: technique is fp16 storage only");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("weightsConverted", o.weightsConverted());
        report.put("halfNodes", o.halfNodes());
        report.put("fp32Nodes", o.fp32Nodes());
        report.put("halfComputeLayers", o.halfComputeLayers());
        report.put("computeLayers", o.computeLayers());
        report.put("casts", o.casts());
        report.put("ortFp16Layers", ort.fp16());
        report.put("ortFp32Layers", ort.fp32());
        report.put("keptFp32OpTypes", List.copyOf(discovered));
        report.put("subgraphWeights", inSubgraphs);
        return new PassResult(out, computes ? NAME : WEIGHTS_ONLY, notes, report);
    }
}
