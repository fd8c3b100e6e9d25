package io.edgeladder.controller.cli;

import io.edgeladder.controller.variants.onnx.ModelStats;
import io.edgeladder.controller.variants.onnx.NodeCost;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.WeightInfo;
import io.edgeladder.controller.variants.onnx.WeightInfo.Verdict;
import java.io.PrintWriter;
import java.util.Map;

/** Human-readable tables for {@code variants inspect}. */
final class InspectReport {

    private InspectReport() {
    }

    static void print(PrintWriter out, String file, OnnxModel m, ModelStats s) {
        out.printf("model       %s%n", file);
        StringBuilder opsets = new StringBuilder();
        m.opsetImports().forEach((domain, v) -> opsets.append(domain.isEmpty() ? "ai.onnx" : domain).append(" v")
                .append(v).append(' '));
        out.printf("opsets      %s  ir_version %d%n", opsets, m.irVersion());
        out.printf("size        %,d bytes%n", s.sizeBytes());
        out.printf("parameters  %,d%n", s.parameters());
        out.printf("MACs        %,d per inference%n", s.macs());
        if (!m.dynamicValues().isEmpty()) {
            out.printf("dynamic     %s%n", m.dynamicValues());
        }
        s.shapeAssumptions().forEach(a -> out.printf("assumed     %s%n", a));
        out.println();
        out.println("ops");
        for (Map.Entry<String, Integer> e : s.opHistogram().entrySet()) {
            out.printf("  %-22s %4d%n", e.getKey(), e.getValue());
        }
        out.println();
        out.println("MACs by node");
        for (NodeCost c : s.nodeCosts()) {
            if (c.macs() > 0) {
                out.printf("  %-28s %-8s %,14d  %5.1f%%%n", c.node(), c.opType(), c.macs(),
                        100.0 * c.macs() / Math.max(1, s.macs()));
            }
        }
        out.println();
        long quantizable = s.applicableCount(WeightInfo::quantize);
        long prunable = s.applicableCount(WeightInfo::prune);
        out.printf("weights (%d tensors: %d quantizable, %d prunable, %d inside subgraphs)%n", s.weights().size(),
                quantizable, prunable, s.subgraphWeights().size());
        out.printf("  %-24s %-7s %-14s %9s  %-5s %-5s %-7s %-5s  %s%n", "tensor", "role", "dims", "elements",
                "quant", "prune", "channel", "svd", "why not");
        for (WeightInfo w : s.weights()) {
            out.printf("  %-24s %-7s %-14s %,9d  %-5s %-5s %-7s %-5s  %s%n", w.name(), w.role(),
                    w.dims().toString().replace(" ", ""), w.elements(), mark(w.quantize()), mark(w.prune()),
                    mark(w.channelPrune()), mark(w.decompose()), whyNot(w));
        }
    }

    private static String mark(Verdict v) {
        return v.applicable() ? "yes" : "-";
    }

    /** Distinct reasons of the techniques that do not apply. */
    private static String whyNot(WeightInfo w) {
        java.util.LinkedHashSet<String> reasons = new java.util.LinkedHashSet<>();
        for (Verdict v : new Verdict[] {w.quantize(), w.prune(), w.channelPrune(), w.decompose()}) {
            if (!v.applicable()) {
                reasons.add(v.reason());
            }
        }
        return String.join("; ", reasons);
    }
}
