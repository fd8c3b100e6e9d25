package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unstructured magnitude pruning: zeroes the smallest-magnitude weights of Conv, Gemm and MatMul nodes (their FLOAT
 * initializer weight input; biases are left alone).
 *
 * <ul>
 *   <li>{@link Scope#PER_LAYER}: every weight tensor loses {@code sparsity} of its elements.</li>
 *   <li>{@link Scope#GLOBAL}: one magnitude threshold over all weights, so layers with many small weights lose more.
 *   </li>
 * </ul>
 * Dense kernels do not skip zeros, so latency is unchanged; what shrinks is the compressed artifact (reported as gzip
 * sizes of the dense and pruned files). Weights shared with other node kinds are skipped.
 */
public final class MagnitudePrune implements Pass {

    /** Where the sparsity target applies. */
    public enum Scope { GLOBAL, PER_LAYER }

    private static final Set<String> OPS = Set.of("Conv", "Gemm", "MatMul");

    private final double sparsity;
    private final Scope scope;

    private MagnitudePrune(double sparsity, Scope scope) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("magnitude-prune: sparsity must be in [0, 1) but was " + sparsity);
        }
        this.sparsity = sparsity;
        this.scope = scope;
    }

    public static MagnitudePrune global(double sparsity) {
        return new MagnitudePrune(sparsity, Scope.GLOBAL);
    }

    public static MagnitudePrune perLayer(double sparsity) {
        return new MagnitudePrune(sparsity, Scope.PER_LAYER);
    }

    @Override
    public String technique() {
        return String.format(Locale.ROOT, "magnitude-prune(%s,%.2f)", scope == Scope.GLOBAL ? "global" : "layer",
                sparsity);
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        OnnxModel out = model.copy();
        Graph g = out.graph();
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            if (OPS.contains(n.opType()) && n.domain().isEmpty()) {
                PassSupport.floatWeight(g, n, 1).ifPresent(t -> {
                    boolean shared = g.consumersOf(t.name()).stream().anyMatch(c -> !OPS.contains(c.opType()));
                    if (!shared) {
                        weights.putIfAbsent(t.name(), t.floats());
                    }
                });
            }
        }
        if (weights.isEmpty()) {
            return PassResult.unchanged(out, technique(), "magnitude-prune: no FLOAT Conv/Gemm/MatMul weights",
                    Map.of());
        }
        if (scope == Scope.GLOBAL) {
            pruneGlobal(weights);
        } else {
            weights.values().forEach(w -> zeroSmallest(w, (int) Math.floor(sparsity * w.length)));
        }
        Map<String, Object> layers = new LinkedHashMap<>();
        long zeros = 0;
        long total = 0;
        boolean changed = false;
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            Tensor old = g.initializer(e.getKey()).orElseThrow();
            int z = countZeros(e.getValue());
            zeros += z;
            total += e.getValue().length;
            layers.put(e.getKey(), round((double) z / e.getValue().length));
            if (z > countZeros(old.floats())) {
                changed = true;
                g.putInitializer(Tensor.ofFloats(old.name(), old.dims(), e.getValue())); // untouched ones stay as read
            }
        }
        byte[] dense = model.toBytes();
        byte[] pruned = out.toBytes();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("targetSparsity", sparsity);
        report.put("scope", scope.name());
        report.put("achievedSparsity", round((double) zeros / total));
        report.put("layerSparsity", layers);
        report.put("sizeBytes", (long) pruned.length);
        report.put("denseGzipBytes", PassSupport.gzipSize(dense));
        report.put("prunedGzipBytes", PassSupport.gzipSize(pruned));
        if (!changed) {
            return PassResult.unchanged(out, technique(), "magnitude-prune: no weight was zeroed at sparsity "
                    + sparsity + " (weights already at least that sparse)", report);
        }
        PassSupport.checkLoads("magnitude-prune", out);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%d of %d weights zeroed (%.1f %%) in %d tensors", zeros, total,
                100.0 * zeros / total, weights.size()));
        notes.add("latency unchanged: ONNX Runtime's dense kernels multiply the zeros; only the compressed size"
                + " shrinks (gzip " + report.get("denseGzipBytes") + " -> " + report.get("prunedGzipBytes")
                + " bytes)");
        return new PassResult(out, technique(), notes, report, true);
    }

    private void pruneGlobal(Map<String, float[]> weights) {
        int total = weights.values().stream().mapToInt(w -> w.length).sum();
        float[] all = new float[total];
        int k = 0;
        for (float[] w : weights.values()) {
            for (float v : w) {
                all[k++] = Math.abs(v);
            }
        }
        int prune = (int) Math.floor(sparsity * total);
        if (prune == 0) {
            return;
        }
        java.util.Arrays.sort(all);
        float threshold = all[prune - 1];
        // Zero everything strictly below the threshold, then just enough ties at it to hit the exact count.
        int below = 0;
        for (float v : all) {
            if (v < threshold) {
                below++;
            }
        }
        int ties = prune - below;
        for (float[] w : weights.values()) {
            for (int i = 0; i < w.length; i++) {
                float a = Math.abs(w[i]);
                if (a < threshold) {
                    w[i] = 0f;
                } else if (a == threshold && ties > 0) {
                    w[i] = 0f;
                    ties--;
                }
            }
        }
    }

    /** Zeroes the {@code count} smallest |w| (ties broken by index, so the result is deterministic). */
    static void zeroSmallest(float[] w, int count) {
        if (count <= 0) {
            return;
        }
        Integer[] idx = new Integer[w.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Float.compare(Math.abs(w[a]), Math.abs(w[b]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i = 0; i < count; i++) {
            w[idx[i]] = 0f;
        }
    }

    private static int countZeros(float[] w) {
        int z = 0;
        for (float v : w) {
            if (v == 0f) {
                z++;
            }
        }
        return z;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
