package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mutable top-level graph of a model.
 *
 * <ul>
 *   <li>{@link #nodes()}: in topological order as read (ONNX requires it); after edits call
 *       {@link #topologicalSort()}, which keeps the existing order wherever it is already valid.</li>
 *   <li>{@link #inputs()}, {@link #outputs()}: live mutable lists; {@link #initializers()} (name → tensor) and
 *       {@link #valueInfos()} (name → declaration): live mutable maps in file order.</li>
 *   <li>{@link #producerOf}/{@link #consumersOf} scan the nodes on each call (graphs here have tens of nodes), so
 *       they are always consistent with edits.</li>
 *   <li>Subgraphs (If/Loop/Scan attributes) stay opaque; {@link #subgraphWeights()} lists the weights inside.</li>
 * </ul>
 * Not thread-safe: one thread edits a graph at a time.
 */
public final class Graph {

    private final GraphProto source;
    private String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();
    private final Set<String> reservedNames = new HashSet<>();

    private Graph(GraphProto source) {
        this.source = source;
        this.name = source.getName();
    }

    public static Graph fromProto(GraphProto p) {
        Graph g = new Graph(p);
        p.getNodeList().forEach(n -> g.nodes.add(Node.fromProto(n)));
        p.getInputList().forEach(v -> g.inputs.add(ValueInfo.fromProto(v)));
        p.getOutputList().forEach(v -> g.outputs.add(ValueInfo.fromProto(v)));
        for (TensorProto t : p.getInitializerList()) {
            g.initializers.put(t.getName(), Tensor.fromProto(t));
        }
        for (ValueInfoProto v : p.getValueInfoList()) {
            g.valueInfos.put(v.getName(), ValueInfo.fromProto(v));
        }
        if (p.getSparseInitializerCount() > 0) {
            throw new OnnxFormatException("onnx: graph '" + p.getName() + "' has "
                    + p.getSparseInitializerCount() + " sparse initializers; not supported");
        }
        return g;
    }

    /** A deep copy (tensors and value infos are immutable and shared). */
    public Graph copy() {
        return fromProto(toProto());
    }

    public String name() { return name; }
    public void setName(String value) { this.name = value; }

    /** Nodes in order (unmodifiable view; edit with {@link #addNode}/{@link #removeNode}). */
    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }
    public List<ValueInfo> inputs() { return inputs; }
    public List<ValueInfo> outputs() { return outputs; }
    public Map<String, Tensor> initializers() { return initializers; }
    public Map<String, ValueInfo> valueInfos() { return valueInfos; }

    /** Appends a node (call {@link #topologicalSort()} after a batch of edits). */
    public Node addNode(Node node) {
        nodes.add(node);
        return node;
    }

    /** Inserts a node at {@code index} in the node list. */
    public Node addNode(int index, Node node) {
        nodes.add(index, node);
        return node;
    }

    /** Removes a node (by identity); its output values become dangling unless rewired. */
    public boolean removeNode(Node node) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == node) {
                nodes.remove(i);
                return true;
            }
        }
        return false;
    }

    public Optional<Node> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** Adds or replaces an initializer under its name. */
    public void putInitializer(Tensor t) {
        initializers.put(t.name(), t);
    }

    public Optional<Tensor> initializer(String valueName) {
        return Optional.ofNullable(initializers.get(valueName));
    }

    public boolean isInitializer(String valueName) {
        return initializers.containsKey(valueName);
    }

    /** True when {@code valueName} is a graph input that is not also an initializer (a real runtime input). */
    public boolean isGraphInput(String valueName) {
        return !initializers.containsKey(valueName) && inputs.stream().anyMatch(v -> v.name().equals(valueName));
    }

    public boolean isGraphOutput(String valueName) {
        return outputs.stream().anyMatch(v -> v.name().equals(valueName));
    }

    /** The node that produces {@code value}, if any (graph inputs and initializers have none). */
    public Optional<Node> producerOf(String value) {
        for (Node n : nodes) {
            if (n.outputs().contains(value)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Nodes that read {@code value}, in node order (each node once). Graph outputs are not nodes. */
    public List<Node> consumersOf(String value) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs().contains(value)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Rewires every node input and graph output named {@code oldValue} to {@code newValue}.
     *
     * @return the number of node inputs and graph outputs changed
     */
    public int replaceInput(String oldValue, String newValue) {
        int n = 0;
        for (Node node : nodes) {
            n += node.replaceInput(oldValue, newValue);
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).name().equals(oldValue)) {
                outputs.set(i, outputs.get(i).withName(newValue));
                n++;
            }
        }
        return n;
    }

    /**
     * A name starting with {@code prefix} used by no node, value, initializer or earlier {@code uniqueName} call:
     * {@code prefix} itself if free, else {@code prefix_1}, {@code prefix_2}, ...
     */
    public String uniqueName(String prefix) {
        Set<String> used = usedNames();
        String candidate = prefix;
        for (int i = 1; used.contains(candidate) || reservedNames.contains(candidate); i++) {
            candidate = prefix + "_" + i;
        }
        reservedNames.add(candidate);
        return candidate;
    }

    /** Re-sorts the nodes topologically; see {@link TopologicalSort}. */
    public void topologicalSort() {
        List<Node> sorted = TopologicalSort.sort(this);
        nodes.clear();
        nodes.addAll(sorted);
    }

    /** Weights (initializers and Constant tensors) inside If/Loop/Scan subgraphs, recursively. */
    public List<SubgraphWeight> subgraphWeights() {
        return SubgraphScan.weights(nodes);
    }

    /** How many weight tensors live inside control-flow subgraphs (see {@link #subgraphWeights()}). */
    public int subgraphInitializerCount() {
        return subgraphWeights().size();
    }

    /** The proto to write: the original graph proto with nodes, values and initializers replaced by the IR's. */
    public GraphProto toProto() {
        GraphProto.Builder b = source.toBuilder();
        if (!b.getName().equals(name)) {
            b.setName(name);
        }
        b.clearNode();
        for (Node n : nodes) {
            b.addNode(n.toProto());
        }
        b.clearInput().addAllInput(inputs.stream().map(ValueInfo::toProto).toList());
        b.clearOutput().addAllOutput(outputs.stream().map(ValueInfo::toProto).toList());
        b.clearInitializer().addAllInitializer(initializers.values().stream().map(Tensor::toProto).toList());
        b.clearValueInfo().addAllValueInfo(valueInfos.values().stream().map(ValueInfo::toProto).toList());
        return b.build();
    }

    private Set<String> usedNames() {
        Set<String> used = new HashSet<>(initializers.keySet());
        inputs.forEach(v -> used.add(v.name()));
        outputs.forEach(v -> used.add(v.name()));
        used.addAll(valueInfos.keySet());
        for (Node n : nodes) {
            used.add(n.name());
            used.addAll(n.inputs());
            used.addAll(n.outputs());
        }
        return used;
    }
}
