package io.edgeladder.controller.variants.onnx;

import io.edgeladder.controller.variants.onnx.WeightInfo.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Decides, per weight tensor, which compression techniques apply and why not (see {@link WeightInfo}). */
final class WeightAnalysis {

    private static final Set<String> PASS_THROUGH = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip",
            "Identity", "Softmax", "HardSigmoid", "Elu", "Selu", "Gelu");

    private WeightAnalysis() {
    }

    static List<WeightInfo> analyse(Graph g) {
        List<WeightInfo> out = new ArrayList<>();
        for (Tensor t : g.initializers().values()) {
            out.add(analyse(g, t));
        }
        for (SubgraphWeight w : g.subgraphWeights()) {
            Verdict no = Verdict.no("inside " + w.ownerOpType() + " subgraph '" + w.attribute() + "' of node '"
                    + w.ownerNode() + "'");
            out.add(new WeightInfo(w.tensor(), DataType.UNDEFINED, List.of(), w.elements(),
                    List.of(w.ownerNode()), "subgraph", no, no, no, no));
        }
        return out;
    }

    private static WeightInfo analyse(Graph g, Tensor t) {
        List<Node> consumers = g.consumersOf(t.name());
        List<String> names = consumers.stream().map(Node::name).toList();
        List<Long> dims = Arrays.stream(t.dims()).boxed().toList();
        if (consumers.isEmpty()) {
            Verdict no = Verdict.no("unused by any node");
            return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, "other", no, no, no, no);
        }
        Node n = consumers.get(0);
        String at = n.opType() + " '" + n.name() + "'";
        int index = n.inputs().indexOf(t.name());
        String role = role(n, index);
        if (t.dataType() != DataType.FLOAT) {
            Verdict no = Verdict.no(t.dataType() + " tensor of " + at + ": only FLOAT weights are compressed");
            return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, role, no, no, no, no);
        }
        if (consumers.size() > 1) {
            Verdict no = Verdict.no("shared by " + consumers.size() + " nodes " + names
                    + ": shared weights are left alone");
            return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, role, no, no, no, no);
        }
        if (role.equals("bias")) {
            Verdict no = Verdict.no("bias of " + at + ": biases stay fp32");
            return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, role, no, no, no, no);
        }
        if (role.equals("other")) {
            Verdict no = Verdict.no("input " + index + " of " + at
                    + ": only Conv, Gemm and MatMul weights are compressed");
            return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, role, no, no, no, no);
        }
        if (t.rank() < 2) {
            Verdict no = Verdict.no(t.rank() + "-D weight of " + at);
            return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, role, no, no, no, no);
        }
        Verdict quantize = Verdict.yes(n.opType().equals("Conv") ? "per-channel int8 (axis 0)"
                : "per-channel int8 (output axis)");
        Verdict prune = Verdict.yes("magnitude pruning");
        return new WeightInfo(t.name(), t.dataType(), dims, t.elementCount(), names, role, quantize, prune,
                channelPrune(g, n, t), decompose(n, t));
    }

    private static String role(Node n, int index) {
        return switch (n.opType()) {
            case "Conv", "ConvTranspose" -> index == 1 ? "weight" : index == 2 ? "bias" : "other";
            case "Gemm" -> index == 1 ? "weight" : index == 2 ? "bias" : "other";
            case "MatMul" -> "weight";
            default -> "other";
        };
    }

    private static Verdict channelPrune(Graph g, Node n, Tensor w) {
        String at = n.opType() + " '" + n.name() + "'";
        if (n.opType().equals("Conv")) {
            long group = n.getInt("group", 1);
            if (group > 1) {
                long[] d = w.dims();
                boolean depthwise = d[1] == 1;
                return Verdict.no((depthwise ? "depthwise" : "grouped (group=" + group + ")") + " Conv '" + n.name()
                        + "': channel pruning unsupported");
            }
        } else if (!n.opType().equals("Gemm")) {
            return Verdict.no(at + ": channel pruning handles Conv filters and Gemm hidden units only");
        }
        String reached = reachesGraphOutput(g, n);
        if (reached != null) {
            return Verdict.no("output channels of " + at + " are the model output '" + reached + "'");
        }
        return Verdict.yes(n.opType().equals("Conv") ? "filters (L1/L2 importance)" : "hidden units");
    }

    /** The graph output reached from {@code n}'s output through element-wise activations only, or null. */
    private static String reachesGraphOutput(Graph g, Node n) {
        String value = n.output(0);
        for (int hops = 0; hops < 8; hops++) {
            if (g.isGraphOutput(value)) {
                return value;
            }
            List<Node> next = g.consumersOf(value);
            if (next.size() != 1 || !PASS_THROUGH.contains(next.get(0).opType())) {
                return null;
            }
            value = next.get(0).output(0);
        }
        return null;
    }

    private static Verdict decompose(Node n, Tensor w) {
        long[] d = w.dims();
        String at = n.opType() + " '" + n.name() + "'";
        if (n.opType().equals("Conv")) {
            if (n.getInt("group", 1) != 1) {
                return Verdict.no("grouped Conv '" + n.name() + "': low-rank needs group=1");
            }
            for (int i = 2; i < d.length; i++) {
                if (d[i] != 1) {
                    return Verdict.no("Conv '" + n.name() + "' kernel " + Arrays.toString(Arrays.copyOfRange(d, 2,
                            d.length)) + ": only 1x1 convolutions are decomposed");
                }
            }
        } else if (!n.opType().equals("Gemm") && !n.opType().equals("MatMul")) {
            return Verdict.no(at + ": low-rank handles Gemm, MatMul and 1x1 Conv");
        } else if (d.length != 2) {
            return Verdict.no(d.length + "-D weight of " + at + ": low-rank needs a matrix");
        }
        long rows = d[0];
        long cols = Tensor.elementCount(d) / d[0];
        if (Math.min(rows, cols) < 2) {
            return Verdict.no("weight of " + at + " is " + rows + "x" + cols + ": already rank 1");
        }
        return Verdict.yes("SVD, full rank " + Math.min(rows, cols));
    }
}
