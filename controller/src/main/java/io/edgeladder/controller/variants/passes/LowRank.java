package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Low-rank decomposition: a weight W (N outputs × K inputs) of a Gemm, a MatMul with a 2-D weight, or a 1×1 Conv
 * (group 1) becomes W ≈ (U_r √Σ_r)(√Σ_r V_rᵀ) by SVD ({@link LowRankSvd}), and the node becomes two of the same kind:
 * K → r → N. The first keeps the original's input-side attributes (transA; strides, pads), the second its bias,
 * alpha and beta. The rank is fixed or the smallest keeping a share of the energy Σσ². A layer is skipped, with the
 * reason in the report, when r(N+K) ≥ N·K (the factors would hold more parameters than W), unless
 * {@link #allowingLarger()} (used to check that full rank reproduces the model).
 */
public final class LowRank implements Pass {

    private final int rank;
    private final double energy;
    private final boolean allowLarger;

    private LowRank(int rank, double energy, boolean allowLarger) {
        this.rank = rank;
        this.energy = energy;
        this.allowLarger = allowLarger;
    }

    /** Every eligible layer at rank {@code min(rank, N, K)}. */
    public static LowRank ofRank(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("low-rank: rank must be >= 1 but was " + rank);
        }
        return new LowRank(rank, 0, false);
    }

    /** Each layer at the smallest rank retaining {@code energy} (in (0, 1]) of Σσ². */
    public static LowRank ofEnergy(double energy) {
        if (!(energy > 0 && energy <= 1)) {
            throw new IllegalArgumentException("low-rank: energy must be in (0, 1] but was " + energy);
        }
        return new LowRank(0, energy, false);
    }

    /** The same pass, also factorising layers where that adds parameters. */
    public LowRank allowingLarger() {
        return new LowRank(rank, energy, true);
    }

    @Override
    public String technique() {
        return rank > 0 ? "low-rank(rank=" + rank + ")" : String.format(Locale.ROOT, "low-rank(energy=%.2f)", energy);
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        OnnxModel out = model.copy();
        Graph g = out.graph();
        Map<String, Object> layers = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Node n : List.copyOf(g.nodes())) {
            LowRankLayer layer;
            try {
                layer = LowRankLayer.of(g, n);
            } catch (LowRankLayer.NotEligible e) {
                if (e.getMessage() != null) {
                    skipped.put(n.name(), e.getMessage());
                }
                continue;
            }
            LowRankSvd svd = LowRankSvd.of(layer.matrix(), layer.n(), layer.k());
            int full = Math.min(layer.n(), layer.k());
            int r = rank > 0 ? Math.min(rank, full) : svd.rankForEnergy(energy);
            long before = (long) layer.n() * layer.k();
            long after = (long) r * (layer.n() + layer.k());
            if (after >= before && !allowLarger) {
                skipped.put(n.name(), "rank " + r + " factors of a " + layer.n() + "x" + layer.k() + " weight hold "
                        + after + " parameters, not fewer than " + before);
                continue;
            }
            layer.replace(g, svd.first(r), svd.second(r), r);
            layers.put(n.name(), Map.of("n", layer.n(), "k", layer.k(), "rank", r,
                    "energy", Math.round(svd.energy(r) * 10000) / 10000.0, "parametersBefore", before,
                    "parametersAfter", after));
            notes.add(String.format(Locale.ROOT, "%s '%s': %dx%d -> rank %d (%.1f %% energy), %d -> %d parameters",
                    n.opType(), n.name(), layer.n(), layer.k(), r, 100 * svd.energy(r), before, after));
        }
        skipped.forEach((k, v) -> notes.add("not decomposed: " + k + ": " + v));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("layers", layers);
        report.put("skipped", skipped);
        if (layers.isEmpty()) {
            notes.add(0, "low-rank: no layer decomposed");
            return new PassResult(out, technique(), notes, report, false);
        }
        g.topologicalSort();
        PassSupport.checkLoads("low-rank", out);
        return new PassResult(out, technique(), notes, report, true);
    }
}
