package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ONNX model: the mutable {@link Graph} IR plus everything the IR does not touch (IR version, producer, metadata,
 * doc strings, functions), kept from the original {@code ModelProto}. {@link #toProto()} rebuilds the proto from the
 * original with the graph and opset imports replaced, so reading and writing an untouched model gives the same bytes.
 * Not thread-safe.
 */
public final class OnnxModel {

    private final ModelProto source;
    private final Graph graph;
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final String origin;

    private OnnxModel(ModelProto source, String origin) {
        if (!source.hasGraph()) {
            throw new OnnxFormatException("onnx: " + origin + " has no graph");
        }
        this.source = source;
        this.origin = origin;
        this.graph = Graph.fromProto(source.getGraph());
        for (OperatorSetIdProto o : source.getOpsetImportList()) {
            opsets.put(o.getDomain(), o.getVersion());
        }
    }

    /**
     * @param origin where the model came from (file path or a label), used in error messages
     * @throws OnnxFormatException if the graph holds something the IR cannot represent
     */
    public static OnnxModel of(ModelProto proto, String origin) {
        return new OnnxModel(proto, origin);
    }

    public Graph graph() { return graph; }

    /** File path or label this model was read from, for messages. */
    public String origin() { return origin; }

    public long irVersion() { return source.getIrVersion(); }

    public String producerName() { return source.getProducerName(); }

    /** Opset version per domain ({@code ""} is the default ONNX domain); unmodifiable. */
    public Map<String, Long> opsetImports() { return Map.copyOf(opsets); }

    /** The opset version of {@code domain}, if imported. */
    public Optional<Long> opsetVersion(String domain) { return Optional.ofNullable(opsets.get(domain)); }

    /** Imports {@code domain} at {@code version} (e.g. {@code "com.microsoft"} for contrib ops), or updates it. */
    public void setOpset(String domain, long version) { opsets.put(domain, version); }

    /** Metadata properties (key → value) as stored in the file. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        source.getMetadataPropsList().forEach(p -> m.put(p.getKey(), p.getValue()));
        return m;
    }

    /** True when any graph input or output has a symbolic or unknown dimension. */
    public boolean hasDynamicShapes() { return !dynamicValues().isEmpty(); }

    /** Graph inputs and outputs with symbolic or unknown dimensions, e.g. {@code "input:FLOAT[-1, 3, 1024]"}. */
    public List<String> dynamicValues() {
        List<String> out = new ArrayList<>();
        for (ValueInfo v : graph.inputs()) {
            if (!graph.isInitializer(v.name()) && v.isDynamic()) {
                out.add(v.toString());
            }
        }
        for (ValueInfo v : graph.outputs()) {
            if (v.isDynamic()) {
                out.add(v.toString());
            }
        }
        return out;
    }

    /** Weights inside control-flow subgraphs (delegates to {@link Graph#subgraphWeights()}). */
    public int subgraphInitializerCount() { return graph.subgraphInitializerCount(); }

    /** An independent deep copy. */
    public OnnxModel copy() { return new OnnxModel(toProto(), origin); }

    /** The model proto: the original with graph and opset imports rebuilt from the IR. */
    public ModelProto toProto() {
        ModelProto.Builder b = source.toBuilder().setGraph(graph.toProto());
        List<OperatorSetIdProto> ops = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> e : opsets.entrySet()) {
            OperatorSetIdProto base = i < source.getOpsetImportCount() ? source.getOpsetImport(i) : null;
            i++;
            if (base != null && base.getDomain().equals(e.getKey()) && base.getVersion() == e.getValue()) {
                ops.add(base); // keep presence bits (a default domain written or not) for identical bytes
            } else {
                ops.add(OperatorSetIdProto.newBuilder().setDomain(e.getKey()).setVersion(e.getValue()).build());
            }
        }
        return b.clearOpsetImport().addAllOpsetImport(ops).build();
    }

    /** Serialised model bytes. */
    public byte[] toBytes() { return toProto().toByteArray(); }
}
