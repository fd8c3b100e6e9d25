package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.ModelCheckException;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import io.edgeladder.controller.variants.onnx.Tensor;
import io.edgeladder.controller.variants.passes.ChannelPruneAnalysis.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Structured channel pruning: removes the least important output channels of Conv layers (filters) and hidden units
 * of Gemm/MatMul layers, and shrinks every consumer to match, so the model really does less work.
 *
 * <p>Importance of a channel is the L1 or L2 norm of its filter (times |γ|/√(var+ε) of an unfolded
 * BatchNormalization). Which layers qualify and which tensors shrink is decided by {@link ChannelPruneAnalysis};
 * layers that do not qualify (grouped/depthwise Convs, layers feeding the graph outputs such as the class logits,
 * layers feeding ops that are not channel-wise) are left as they are and listed with the reason. At least one
 * channel is always kept. The rewired model's shapes are measured ({@link ShapeInfo}) and checked: each pruned layer
 * has the kept channel count and the graph outputs keep their shapes.
 */
public final class ChannelPrune implements Pass {

    /** Filter importance. */
    public enum Criterion { L1, L2 }

    private final Criterion criterion;
    private final double ratio;
    private final boolean global;
    private final Map<String, Double> perLayer;

    private ChannelPrune(Criterion criterion, double ratio, boolean global, Map<String, Double> perLayer) {
        this.criterion = criterion;
        this.ratio = checkRatio("ratio", ratio);
        this.global = global;
        perLayer.forEach((k, v) -> checkRatio("ratio of layer '" + k + "'", v));
        this.perLayer = Map.copyOf(perLayer);
    }

    /** Removes {@code ratio} of the channels of every prunable layer. */
    public static ChannelPrune uniform(Criterion criterion, double ratio) {
        return new ChannelPrune(criterion, ratio, false, Map.of());
    }

    /**
     * Removes {@code ratio} of all prunable channels, ranked together; each layer's importances are divided by their
     * mean first, so layers of different fan-in compare fairly.
     */
    public static ChannelPrune global(Criterion criterion, double ratio) {
        return new ChannelPrune(criterion, ratio, true, Map.of());
    }

    /** Removes the given ratio from the named layers (producer node names) only. */
    public static ChannelPrune perLayer(Criterion criterion, Map<String, Double> ratioByNode) {
        return new ChannelPrune(criterion, 0, false, ratioByNode);
    }

    @Override
    public String technique() {
        String c = criterion.name().toLowerCase(Locale.ROOT);
        if (!perLayer.isEmpty()) {
            return "channel-prune(" + c + ",per-layer)";
        }
        return String.format(Locale.ROOT, "channel-prune(%s,%s,%.2f)", c, global ? "global" : "uniform", ratio);
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        ShapeInfo before = shapes(model, "input");
        OnnxModel out = model.copy();
        Graph g = out.graph();
        ChannelPruneAnalysis.Result analysis = ChannelPruneAnalysis.analyse(g, before);
        for (String name : perLayer.keySet()) {
            if (analysis.layers().stream().noneMatch(l -> l.producer().name().equals(name))) {
                String why = analysis.refused().get(name);
                throw new PassException("channel-prune: layer '" + name + "' cannot be pruned: "
                        + (why != null ? why : "no Conv/Gemm/MatMul node of that name"));
            }
        }
        List<double[]> importance = new ArrayList<>();
        for (Layer l : analysis.layers()) {
            double[] imp = ChannelPruneSlicer.norms(g.initializer(l.weight()).orElseThrow(), l.weightAxis(),
                    criterion == Criterion.L2);
            if (l.importanceScale() != null) {
                for (int i = 0; i < imp.length; i++) {
                    imp[i] *= l.importanceScale()[i];
                }
            }
            importance.add(imp);
        }
        int[][] kept = global ? ChannelPruneSelection.global(importance, ratio)
                : ChannelPruneSelection.perLayer(importance, ratios(analysis.layers()));
        Map<String, Object> layers = new LinkedHashMap<>();
        List<Layer> pruned = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            Layer l = analysis.layers().get(i);
            if (kept[i].length < l.channels()) {
                pruned.add(l);
                rewrite(g, l, kept[i]);
            }
            layers.put(l.producer().name(), Map.of("channels", l.channels(), "kept", kept[i].length));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("criterion", criterion.name());
        report.put("layers", layers);
        report.put("refused", analysis.refused());
        report.put("parametersBefore", parameters(model.graph()));
        report.put("parametersAfter", parameters(g));
        List<String> notes = new ArrayList<>();
        analysis.refused().forEach((k, v) -> notes.add("not pruned: " + k + ": " + v));
        if (pruned.isEmpty()) {
            notes.add(0, "channel-prune: no channel removed (" + analysis.layers().size() + " prunable layers at ratio "
                    + ratio + ")");
            return new PassResult(out, technique(), notes, report, false);
        }
        g.topologicalSort();
        verify(model, before, out, pruned, kept, analysis.layers());
        PassSupport.checkLoads("channel-prune", out);
        notes.add(0, String.format(Locale.ROOT, "%d of %d prunable layers pruned; parameters %d -> %d",
                pruned.size(), analysis.layers().size(), report.get("parametersBefore"), report.get("parametersAfter")));
        return new PassResult(out, technique(), notes, report, true);
    }

    private double[] ratios(List<Layer> layers) {
        double[] r = new double[layers.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = perLayer.isEmpty() ? ratio : perLayer.getOrDefault(layers.get(i).producer().name(), 0.0);
        }
        return r;
    }

    private static void rewrite(Graph g, Layer l, int[] kept) {
        for (ChannelPruneAnalysis.Slice s : l.slices()) {
            Tensor t = g.initializer(s.tensor()).orElseThrow();
            Tensor sliced = ChannelPruneSlicer.keep(t, s.axis(), s.block(), kept, l.channels());
            g.putInitializer(sliced);
            // Old-style models list initializers as graph inputs too; their declared shape must follow.
            g.inputs().replaceAll(v -> v.name().equals(t.name())
                    ? io.edgeladder.controller.variants.onnx.ValueInfo.of(t.name(), t.dataType(), sliced.dims()) : v);
        }
        l.values().forEach(v -> g.valueInfos().remove(v)); // declared shapes of the chain are stale now
    }

    private static void verify(OnnxModel original, ShapeInfo before, OnnxModel out, List<Layer> pruned, int[][] kept,
            List<Layer> all) throws PassException {
        ShapeInfo after = shapes(out, "pruned");
        for (Layer l : pruned) {
            long[] s = after.require(l.producer().output(0));
            int k = kept[all.indexOf(l)].length;
            if (s.length < 2 || s[1] != k) {
                throw new PassException("channel-prune: layer '" + l.producer().name() + "' should output " + k
                        + " channels but its output shape is " + java.util.Arrays.toString(s));
            }
        }
        for (var o : original.graph().outputs()) {
            if (!java.util.Arrays.equals(before.require(o.name()), after.require(o.name()))) {
                throw new PassException("channel-prune: graph output '" + o.name() + "' changed shape from "
                        + java.util.Arrays.toString(before.require(o.name())) + " to "
                        + java.util.Arrays.toString(after.require(o.name())));
            }
        }
    }

    private static ShapeInfo shapes(OnnxModel m, String which) throws PassException {
        try {
            return ShapeInfo.infer(m);
        } catch (ModelCheckException e) {
            throw new PassException("channel-prune: cannot measure the shapes of the " + which + " model: "
                    + e.getMessage(), e);
        }
    }

    static long parameters(Graph g) {
        return g.initializers().values().stream().filter(t -> t.dataType().isFloatingPoint())
                .mapToLong(Tensor::elementCount).sum();
    }

    private static double checkRatio(String what, double r) {
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException("channel-prune: " + what + " must be in [0, 1) but was " + r);
        }
        return r;
    }
}
