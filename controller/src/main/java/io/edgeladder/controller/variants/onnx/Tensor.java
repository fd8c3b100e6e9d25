package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable dense tensor: an initializer or a tensor attribute. Data are held as little-endian bytes (ONNX
 * {@code raw_data} layout) whatever field the file used ({@code raw_data}, {@code float_data}, {@code int32_data},
 * {@code int64_data}, ...). A tensor read from a file keeps its original proto, so an untouched tensor is written back
 * byte-identical; {@link #withName(String)} and the {@code of...} factories make new ones (always written as
 * {@code raw_data}). Typed getters return fresh copies.
 */
public final class Tensor {

    private final String name;
    private final DataType dataType;
    private final long[] dims;
    private final byte[] data; // little-endian, elementCount * byteSize bytes
    private final TensorProto source; // non-null only when this tensor is exactly what was read

    private Tensor(String name, DataType dataType, long[] dims, byte[] data, TensorProto source) {
        if (name == null) {
            throw new IllegalArgumentException("tensor: name must not be null");
        }
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "': dims must be >= 0 but were " + Arrays.toString(dims));
            }
        }
        long expected = elementCount(dims) * dataType.byteSize();
        if (dataType.byteSize() > 0 && data.length != expected) {
            throw new IllegalArgumentException("tensor '" + name + "': " + dataType + " " + Arrays.toString(dims)
                    + " needs " + expected + " bytes but got " + data.length);
        }
        this.name = name;
        this.dataType = dataType;
        this.dims = dims.clone();
        this.data = data;
        this.source = source;
    }

    /** Wraps a tensor proto read from a file; external data and STRING tensors are refused. */
    public static Tensor fromProto(TensorProto proto) {
        return new Tensor(proto.getName(), DataType.fromCode(proto.getDataType()),
                proto.getDimsList().stream().mapToLong(Long::longValue).toArray(), TensorCodec.decode(proto), proto);
    }

    public static Tensor ofFloats(String name, long[] dims, float[] values) {
        ByteBuffer b = buffer(values.length * 4L);
        b.asFloatBuffer().put(values);
        return new Tensor(name, DataType.FLOAT, dims, b.array(), null);
    }

    /** FLOAT16 tensor from IEEE half-precision bit patterns. */
    public static Tensor ofFloat16Bits(String name, long[] dims, short[] halfBits) {
        ByteBuffer b = buffer(halfBits.length * 2L);
        b.asShortBuffer().put(halfBits);
        return new Tensor(name, DataType.FLOAT16, dims, b.array(), null);
    }

    /** FLOAT16 tensor from floats, rounded to nearest even ({@link Float16#fromFloat}). */
    public static Tensor ofFloat16(String name, long[] dims, float[] values) {
        short[] bits = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float16.fromFloat(values[i]);
        }
        return ofFloat16Bits(name, dims, bits);
    }

    public static Tensor ofInt8(String name, long[] dims, byte[] values) {
        return new Tensor(name, DataType.INT8, dims, values.clone(), null);
    }

    /** UINT8 tensor; each byte is read unsigned (0..255). */
    public static Tensor ofUint8(String name, long[] dims, byte[] values) {
        return new Tensor(name, DataType.UINT8, dims, values.clone(), null);
    }

    public static Tensor ofInt32(String name, long[] dims, int[] values) {
        ByteBuffer b = buffer(values.length * 4L);
        b.asIntBuffer().put(values);
        return new Tensor(name, DataType.INT32, dims, b.array(), null);
    }

    public static Tensor ofInt64(String name, long[] dims, long[] values) {
        ByteBuffer b = buffer(values.length * 8L);
        b.asLongBuffer().put(values);
        return new Tensor(name, DataType.INT64, dims, b.array(), null);
    }

    /** A tensor of any fixed-size type from little-endian bytes ({@code raw_data} layout). */
    public static Tensor ofRaw(String name, DataType type, long[] dims, byte[] littleEndian) {
        if (type.byteSize() == 0) {
            throw new IllegalArgumentException("tensor '" + name + "': type " + type + " has no fixed byte size");
        }
        return new Tensor(name, type, dims, littleEndian.clone(), null);
    }

    public String name() {
        return name;
    }

    public DataType dataType() {
        return dataType;
    }

    /** A copy of the dimensions. */
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long elementCount() {
        return elementCount(dims);
    }

    /** Bytes of data (element count × element size). */
    public long dataBytes() {
        return data.length;
    }

    /** The same data under another name. */
    public Tensor withName(String newName) {
        return newName.equals(name) ? this : new Tensor(newName, dataType, dims, data, null);
    }

    /** The same data with other dimensions of equal element count. */
    public Tensor reshaped(long[] newDims) {
        if (elementCount(newDims) != elementCount()) {
            throw new IllegalArgumentException("tensor '" + name + "': cannot reshape " + Arrays.toString(dims)
                    + " to " + Arrays.toString(newDims));
        }
        return new Tensor(name, dataType, newDims, data, null);
    }

    /** Values as floats: FLOAT as is, FLOAT16/BFLOAT16/DOUBLE converted; other types refused. */
    public float[] floats() {
        ByteBuffer b = view();
        int n = (int) elementCount();
        float[] out = new float[n];
        switch (dataType) {
            case FLOAT -> b.asFloatBuffer().get(out);
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.toFloat(b.getShort(2 * i));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                }
            }
            default -> throw wrongType("floats()");
        }
        return out;
    }

    /** INT8/UINT8/BOOL values as raw bytes (UINT8 callers mask with {@code & 0xFF}). */
    public byte[] bytes() {
        if (dataType.byteSize() != 1) {
            throw wrongType("bytes()");
        }
        return data.clone();
    }

    /** INT32 (and narrower integer types, widened) values. */
    public int[] ints() {
        ByteBuffer b = view();
        int n = (int) elementCount();
        int[] out = new int[n];
        switch (dataType) {
            case INT32 -> b.asIntBuffer().get(out);
            case INT8 -> { for (int i = 0; i < n; i++) { out[i] = b.get(i); } }
            case UINT8, BOOL -> { for (int i = 0; i < n; i++) { out[i] = b.get(i) & 0xFF; } }
            case INT16 -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(2 * i); } }
            case UINT16 -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(2 * i) & 0xFFFF; } }
            default -> throw wrongType("ints()");
        }
        return out;
    }

    /** INT64 values (INT32 widened). */
    public long[] longs() {
        ByteBuffer b = view();
        int n = (int) elementCount();
        long[] out = new long[n];
        switch (dataType) {
            case INT64 -> b.asLongBuffer().get(out);
            case INT32 -> { for (int i = 0; i < n; i++) { out[i] = b.getInt(4 * i); } }
            default -> throw wrongType("longs()");
        }
        return out;
    }

    /** A copy of the little-endian data bytes. */
    public byte[] rawData() {
        return data.clone();
    }

    /** The proto to write: the original when untouched (byte-identical), else a fresh {@code raw_data} one. */
    public TensorProto toProto() {
        if (source != null) {
            return source;
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(dataType.code());
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setRawData(ByteString.copyFrom(data)).build();
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + dataType + " " + Arrays.toString(dims) + "]";
    }

    static long elementCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private IllegalStateException wrongType(String method) {
        return new IllegalStateException("tensor '" + name + "': " + method + " not defined for " + dataType);
    }

    private static ByteBuffer buffer(long bytes) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
