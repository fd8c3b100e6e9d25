package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An immutable node attribute. It wraps the attribute proto, so untouched attributes are written back
 * byte-identical. Subgraph attributes (GRAPH/GRAPHS: the branches of If, the bodies of Loop and Scan) are kept
 * opaque: the IR does not edit them, it only counts what they hold ({@link #subgraphs()}).
 */
public final class Attribute {

    /** Attribute kinds, mirroring {@code AttributeProto.AttributeType}. */
    public enum Kind { FLOAT, INT, STRING, TENSOR, GRAPH, FLOATS, INTS, STRINGS, TENSORS, GRAPHS, OTHER }

    private final AttributeProto proto;

    private Attribute(AttributeProto proto) {
        this.proto = proto;
    }

    public static Attribute fromProto(AttributeProto proto) {
        return new Attribute(proto);
    }

    public static Attribute ofInt(String name, long value) {
        return new Attribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build());
    }

    public static Attribute ofFloat(String name, float value) {
        return new Attribute(
                AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build());
    }

    public static Attribute ofString(String name, String value) {
        return new Attribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build());
    }

    public static Attribute ofInts(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return new Attribute(b.build());
    }

    public static Attribute ofFloats(String name, float... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float v : values) {
            b.addFloats(v);
        }
        return new Attribute(b.build());
    }

    public static Attribute ofTensor(String name, Tensor value) {
        return new Attribute(AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR)
                .setT(value.toProto()).build());
    }

    public String name() {
        return proto.getName();
    }

    public Kind kind() {
        return switch (proto.getType()) {
            case FLOAT -> Kind.FLOAT;
            case INT -> Kind.INT;
            case STRING -> Kind.STRING;
            case TENSOR -> Kind.TENSOR;
            case GRAPH -> Kind.GRAPH;
            case FLOATS -> Kind.FLOATS;
            case INTS -> Kind.INTS;
            case STRINGS -> Kind.STRINGS;
            case TENSORS -> Kind.TENSORS;
            case GRAPHS -> Kind.GRAPHS;
            default -> Kind.OTHER;
        };
    }

    public long asInt() {
        return proto.getI();
    }

    public float asFloat() {
        return proto.getF();
    }

    public String asString() {
        return proto.getS().toString(StandardCharsets.UTF_8);
    }

    public long[] asInts() {
        return proto.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    public float[] asFloats() {
        float[] out = new float[proto.getFloatsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = proto.getFloats(i);
        }
        return out;
    }

    public Tensor asTensor() {
        return Tensor.fromProto(proto.getT());
    }

    /** The subgraphs this attribute holds (one for GRAPH, n for GRAPHS, none otherwise). */
    public List<GraphProto> subgraphs() {
        return switch (proto.getType()) {
            case GRAPH -> List.of(proto.getG());
            case GRAPHS -> proto.getGraphsList();
            default -> List.of();
        };
    }

    public AttributeProto toProto() {
        return proto;
    }

    @Override
    public String toString() {
        return name() + ":" + kind();
    }
}
