package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/** Finds weights (initializers, Constant tensors) inside subgraph attributes, recursively. */
final class SubgraphScan {

    private SubgraphScan() {
    }

    static List<SubgraphWeight> weights(List<Node> nodes) {
        List<SubgraphWeight> out = new ArrayList<>();
        for (Node n : nodes) {
            for (Attribute a : n.attributes().values()) {
                for (GraphProto g : a.subgraphs()) {
                    collectWeights(n, a.name(), g, out);
                }
            }
        }
        return out;
    }

    private static void collectWeights(Node owner, String attr, GraphProto g, List<SubgraphWeight> out) {
        for (TensorProto t : g.getInitializerList()) {
            out.add(new SubgraphWeight(owner.name(), owner.opType(), attr, t.getName(), elements(t)));
        }
        for (NodeProto inner : g.getNodeList()) {
            Node innerNode = Node.fromProto(inner);
            if (inner.getOpType().equals("Constant")) {
                innerNode.getTensor("value").ifPresent(t -> out.add(new SubgraphWeight(
                        owner.name(), owner.opType(), attr, inner.getOutput(0), t.elementCount())));
            }
            for (Attribute a : innerNode.attributes().values()) {
                for (GraphProto nested : a.subgraphs()) {
                    collectWeights(owner, attr, nested, out);
                }
            }
        }
    }

    private static long elements(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }
}
