package io.edgeladder.controller.variants.onnx;

/**
 * ONNX tensor element types ({@code TensorProto.DataType}), with their wire code and the size of one element in
 * bytes (0 for variable-size or sub-byte types: STRING, INT4, UINT4).
 */
public enum DataType {
    UNDEFINED(0, 0),
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    STRING(8, 0),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8),
    COMPLEX64(14, 8),
    COMPLEX128(15, 16),
    BFLOAT16(16, 2),
    FLOAT8E4M3FN(17, 1),
    FLOAT8E4M3FNUZ(18, 1),
    FLOAT8E5M2(19, 1),
    FLOAT8E5M2FNUZ(20, 1),
    UINT4(21, 0),
    INT4(22, 0);

    private static final DataType[] BY_CODE = new DataType[23];

    static {
        for (DataType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int byteSize;

    DataType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The {@code TensorProto.DataType} number. */
    public int code() {
        return code;
    }

    /** Bytes per element; 0 when the type has no fixed byte size (STRING, INT4, UINT4, UNDEFINED). */
    public int byteSize() {
        return byteSize;
    }

    /** True for FLOAT, FLOAT16, BFLOAT16 and DOUBLE. */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == BFLOAT16 || this == DOUBLE;
    }

    /**
     * @throws OnnxFormatException if {@code code} is not a known ONNX data type
     */
    public static DataType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
            throw new OnnxFormatException("onnx: unknown tensor data type " + code);
        }
        return BY_CODE[code];
    }
}
