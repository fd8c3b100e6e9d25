package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mutable graph node. Inputs and outputs are value names ({@code ""} marks an omitted optional input); attributes
 * keep file order. A node read from a file keeps its proto as a base, so fields the IR does not model (doc string,
 * metadata) survive, and an untouched node is written back byte-identical. Not thread-safe: a graph is edited by one
 * thread at a time.
 */
public final class Node {

    private String name;
    private String opType;
    private String domain;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private final NodeProto source;

    private Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            NodeProto source) {
        this.name = Objects.requireNonNull(name, "node name");
        this.opType = Objects.requireNonNull(opType, "node opType");
        this.domain = Objects.requireNonNull(domain, "node domain");
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        this.source = source;
    }

    /** A new node in the default ONNX domain ({@code ""}). */
    public static Node of(String name, String opType, List<String> inputs, List<String> outputs) {
        return new Node(name, opType, "", inputs, outputs, null);
    }

    /** A new node in {@code domain} (e.g. {@code "com.microsoft"}). */
    public static Node of(String name, String opType, String domain, List<String> inputs, List<String> outputs) {
        return new Node(name, opType, domain, inputs, outputs, null);
    }

    public static Node fromProto(NodeProto p) {
        Node n = new Node(p.getName(), p.getOpType(), p.getDomain(), p.getInputList(), p.getOutputList(), p);
        for (AttributeProto a : p.getAttributeList()) {
            n.attributes.put(a.getName(), Attribute.fromProto(a));
        }
        return n;
    }

    public String name() { return name; }
    public String opType() { return opType; }
    public String domain() { return domain; }
    public Node setName(String value) { this.name = value; return this; }
    public Node setOpType(String value) { this.opType = value; return this; }
    public Node setDomain(String value) { this.domain = value; return this; }

    /** Live, mutable list of input value names (edit through the graph's helpers when rewiring many nodes). */
    public List<String> inputs() { return inputs; }

    /** Live, mutable list of output value names. */
    public List<String> outputs() { return outputs; }

    /** Input {@code i}, or {@code ""} when absent or omitted. */
    public String input(int i) { return i < inputs.size() ? inputs.get(i) : ""; }

    public String output(int i) { return outputs.get(i); }

    /** Replaces every occurrence of {@code oldValue} among the inputs; returns how many were replaced. */
    public int replaceInput(String oldValue, String newValue) {
        int n = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).equals(oldValue)) {
                inputs.set(i, newValue);
                n++;
            }
        }
        return n;
    }

    /** Attributes by name, in file order (unmodifiable view; use {@link #setAttribute}/{@link #removeAttribute}). */
    public Map<String, Attribute> attributes() { return Collections.unmodifiableMap(attributes); }

    public Optional<Attribute> attribute(String attrName) { return Optional.ofNullable(attributes.get(attrName)); }

    public boolean hasAttribute(String attrName) { return attributes.containsKey(attrName); }

    public Node setAttribute(Attribute a) { attributes.put(a.name(), a); return this; }

    public Node removeAttribute(String attrName) { attributes.remove(attrName); return this; }

    public long getInt(String attrName, long defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asInt();
    }

    public float getFloat(String attrName, float defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asFloat();
    }

    public String getString(String attrName, String defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asString();
    }

    /** Integer list attribute, or {@code defaultValue} (may be null) when absent. */
    public long[] getInts(String attrName, long[] defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asInts();
    }

    public float[] getFloats(String attrName, float[] defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asFloats();
    }

    public Optional<Tensor> getTensor(String attrName) {
        return attribute(attrName).map(Attribute::asTensor);
    }

    /** True when any attribute holds a subgraph (If branches, Loop/Scan bodies). */
    public boolean hasSubgraphs() {
        return attributes.values().stream().anyMatch(a -> !a.subgraphs().isEmpty());
    }

    /**
     * The proto to write. Built on the original proto (when read from a file) and only the fields that differ are
     * set, so an untouched node serialises to the same bytes.
     */
    public NodeProto toProto() {
        NodeProto.Builder b = source == null ? NodeProto.newBuilder() : source.toBuilder();
        if (!b.getName().equals(name)) { b.setName(name); }
        if (!b.getOpType().equals(opType)) { b.setOpType(opType); }
        if (!b.getDomain().equals(domain)) { b.setDomain(domain); }
        if (!b.getInputList().equals(inputs)) { b.clearInput().addAllInput(inputs); }
        if (!b.getOutputList().equals(outputs)) { b.clearOutput().addAllOutput(outputs); }
        List<AttributeProto> attrs = attributes.values().stream().map(Attribute::toProto).toList();
        if (!b.getAttributeList().equals(attrs)) { b.clearAttribute().addAllAttribute(attrs); }
        return b.build();
    }

    @Override
    public String toString() {
        return opType + "('" + name + "', in=" + inputs + ", out=" + outputs + ")";
    }
}
