package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable typed value declaration: a graph input or output, or a {@code value_info} entry. Shape dimensions are
 * {@code -1} where the file gives a symbolic ({@code dim_param}) or unknown dimension; {@link #dimParams()} keeps
 * the symbols. {@code shape() == null} means the file declares no shape at all (unknown rank). A value read from a
 * file keeps its proto and is written back byte-identical.
 */
public final class ValueInfo {

    private final String name;
    private final DataType elementType;
    private final long[] shape;
    private final List<String> dimParams;
    private final ValueInfoProto source;

    private ValueInfo(String name, DataType elementType, long[] shape, List<String> dimParams,
            ValueInfoProto source) {
        this.name = name;
        this.elementType = elementType;
        this.shape = shape;
        this.dimParams = List.copyOf(dimParams);
        this.source = source;
    }

    /** A tensor value of the given element type and static shape ({@code -1} for a dimension left unknown). */
    public static ValueInfo of(String name, DataType elementType, long... shape) {
        return new ValueInfo(name, elementType, shape.clone(), emptyParams(shape.length), null);
    }

    /** A value with neither type nor shape (ONNX Runtime infers them, e.g. for extra outputs). */
    public static ValueInfo untyped(String name) {
        return new ValueInfo(name, DataType.UNDEFINED, null, List.of(), null);
    }

    public static ValueInfo fromProto(ValueInfoProto p) {
        TypeProto type = p.getType();
        if (!type.hasTensorType()) {
            return new ValueInfo(p.getName(), DataType.UNDEFINED, null, List.of(), p);
        }
        DataType elem = DataType.fromCode(type.getTensorType().getElemType());
        if (!type.getTensorType().hasShape()) {
            return new ValueInfo(p.getName(), elem, null, List.of(), p);
        }
        TensorShapeProto s = type.getTensorType().getShape();
        long[] dims = new long[s.getDimCount()];
        List<String> params = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            dims[i] = d.hasDimValue() ? d.getDimValue() : -1;
            params.add(d.hasDimParam() ? d.getDimParam() : "");
        }
        return new ValueInfo(p.getName(), elem, dims, params, p);
    }

    public String name() {
        return name;
    }

    /** {@link DataType#UNDEFINED} when the declaration carries no tensor type. */
    public DataType elementType() {
        return elementType;
    }

    /** A copy of the shape, {@code -1} for dynamic dimensions; {@code null} when the rank is unknown. */
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    /** Per-dimension symbol ({@code ""} where the dimension is a value or unknown). */
    public List<String> dimParams() {
        return dimParams;
    }

    /** True when the shape is unknown or any dimension is symbolic/unknown. */
    public boolean isDynamic() {
        if (shape == null) {
            return true;
        }
        for (long d : shape) {
            if (d < 0) {
                return true;
            }
        }
        return false;
    }

    public ValueInfo withName(String newName) {
        return new ValueInfo(newName, elementType, shape, dimParams, null);
    }

    public ValueInfo withElementType(DataType type) {
        return new ValueInfo(name, type, shape, dimParams, null);
    }

    public ValueInfoProto toProto() {
        if (source != null) {
            return source;
        }
        ValueInfoProto.Builder b = ValueInfoProto.newBuilder().setName(name);
        if (elementType == DataType.UNDEFINED) {
            return b.build();
        }
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(elementType.code());
        if (shape != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (int i = 0; i < shape.length; i++) {
                TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
                String param = i < dimParams.size() ? dimParams.get(i) : "";
                if (shape[i] >= 0) {
                    d.setDimValue(shape[i]);
                } else if (!param.isEmpty()) {
                    d.setDimParam(param);
                }
                s.addDim(d);
            }
            t.setShape(s);
        }
        return b.setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    @Override
    public String toString() {
        return name + ":" + elementType + (shape == null ? "[?]" : Arrays.toString(shape));
    }

    private static List<String> emptyParams(int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add("");
        }
        return l;
    }
}
