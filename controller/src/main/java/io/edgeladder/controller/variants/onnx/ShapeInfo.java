package io.edgeladder.controller.variants.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Static shapes of every value in a model, measured rather than inferred: a copy of the model declares every node
 * output as a graph output, ONNX Runtime runs it once on zero inputs (optimisations off, so no value is fused away),
 * and the shapes of the results are recorded. Dynamic input dimensions are set to 1 and listed in
 * {@link #assumptions()}. Immutable.
 */
public final class ShapeInfo {

    private final Map<String, long[]> shapes;
    private final Map<String, DataType> types;
    private final List<String> assumptions;

    private ShapeInfo(Map<String, long[]> shapes, Map<String, DataType> types, List<String> assumptions) {
        this.shapes = shapes;
        this.types = types;
        this.assumptions = List.copyOf(assumptions);
    }

    /**
     * @throws ModelCheckException if ONNX Runtime cannot load or run the instrumented copy
     * @throws IllegalArgumentException if an input has an element type this method cannot fill with zeros
     */
    public static ShapeInfo infer(OnnxModel model) {
        return infer(model, Map.of());
    }

    /**
     * Like {@link #infer(OnnxModel)}, with concrete shapes for some inputs (name → dims), e.g. the window length of
     * a model whose time axis is dynamic. Inputs not named keep their declared shape, dynamic dims set to 1.
     */
    public static ShapeInfo infer(OnnxModel model, Map<String, long[]> inputShapes) {
        OnnxModel probe = model.copy();
        Graph g = probe.graph();
        Set<String> declared = new java.util.HashSet<>();
        g.outputs().forEach(v -> declared.add(v.name()));
        for (Node n : g.nodes()) {
            for (String out : n.outputs()) {
                if (!out.isEmpty() && declared.add(out)) {
                    g.outputs().add(ValueInfo.untyped(out));
                }
            }
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, DataType> types = new HashMap<>();
        List<String> assumptions = new ArrayList<>();
        for (Tensor t : g.initializers().values()) {
            shapes.put(t.name(), t.dims());
            types.put(t.name(), t.dataType());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(probe.toBytes(), opts)) {
                for (ValueInfo in : g.inputs()) {
                    if (g.isInitializer(in.name())) {
                        continue;
                    }
                    long[] given = inputShapes.get(in.name());
                    long[] dims = given != null ? given.clone() : in.shape() == null ? new long[0] : in.shape();
                    for (int i = 0; i < dims.length; i++) {
                        if (dims[i] < 0) {
                            dims[i] = 1;
                            assumptions.add(in.name() + " dim " + i + " ('" + in.dimParams().get(i)
                                    + "') is dynamic: measured with 1");
                        }
                    }
                    feeds.put(in.name(), zeros(env, in.name(), in.elementType(), dims));
                    shapes.put(in.name(), dims);
                    types.put(in.name(), in.elementType());
                }
                try (OrtSession.Result result = session.run(feeds)) {
                    for (Map.Entry<String, OnnxValue> e : result) {
                        if (e.getValue().getInfo() instanceof TensorInfo ti) {
                            shapes.put(e.getKey(), ti.getShape());
                            types.put(e.getKey(), fromOrt(ti));
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new ModelCheckException("shape inference: onnxruntime could not run " + model.origin() + ": "
                    + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
        return new ShapeInfo(Collections.unmodifiableMap(shapes), Collections.unmodifiableMap(types), assumptions);
    }

    /** The shape of {@code value} (a copy), if measured. */
    public Optional<long[]> shape(String value) {
        long[] s = shapes.get(value);
        return s == null ? Optional.empty() : Optional.of(s.clone());
    }

    /** The shape of {@code value}; fails naming the value when it was not measured. */
    public long[] require(String value) {
        return shape(value).orElseThrow(() -> new IllegalArgumentException("shapes: no shape for value '" + value
                + "'"));
    }

    public Optional<DataType> elementType(String value) {
        return Optional.ofNullable(types.get(value));
    }

    /** Element count of {@code value}'s tensor, or -1 when unknown. */
    public long elementCount(String value) {
        long[] s = shapes.get(value);
        return s == null ? -1 : Tensor.elementCount(s);
    }

    /** Names of all values with a known shape (inputs, initializers, node outputs). */
    public Set<String> values() {
        return shapes.keySet();
    }

    /** What was assumed to measure (dynamic dimensions set to 1). Empty for fully static models. */
    public List<String> assumptions() {
        return assumptions;
    }

    private static OnnxTensor zeros(OrtEnvironment env, String name, DataType type, long[] dims)
            throws OrtException {
        long n = Tensor.elementCount(dims);
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.toIntExact(n * Math.max(1, type.byteSize())))
                .order(ByteOrder.nativeOrder());
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, buf.asFloatBuffer(), dims);
            case DOUBLE -> OnnxTensor.createTensor(env, buf.asDoubleBuffer(), dims);
            case INT64 -> OnnxTensor.createTensor(env, buf.asLongBuffer(), dims);
            case INT32 -> OnnxTensor.createTensor(env, buf.asIntBuffer(), dims);
            case INT8 -> OnnxTensor.createTensor(env, buf, dims);
            case BOOL -> OnnxTensor.createTensor(env, buf, dims, ai.onnxruntime.OnnxJavaType.BOOL);
            case UINT8 -> OnnxTensor.createTensor(env, buf, dims, ai.onnxruntime.OnnxJavaType.UINT8);
            case FLOAT16 -> OnnxTensor.createTensor(env, buf, dims, ai.onnxruntime.OnnxJavaType.FLOAT16);
            default -> throw new IllegalArgumentException("shapes: input '" + name + "' has element type " + type
                    + ", which the probe cannot fill");
        };
    }

    private static DataType fromOrt(TensorInfo ti) {
        return switch (ti.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FLOAT;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.DOUBLE;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
            default -> DataType.UNDEFINED;
        };
    }
}
