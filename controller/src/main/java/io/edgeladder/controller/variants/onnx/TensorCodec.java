package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes the typed data fields of a {@link TensorProto} into little-endian bytes ({@code raw_data} layout). */
final class TensorCodec {

    private TensorCodec() {
    }

    static byte[] decode(TensorProto p) {
        String name = p.getName();
        if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL || p.getExternalDataCount() > 0) {
            throw new OnnxFormatException("onnx: tensor '" + name + "' stores its data externally; not supported");
        }
        DataType type = DataType.fromCode(p.getDataType());
        if (type.byteSize() == 0) {
            throw new OnnxFormatException("onnx: tensor '" + name + "' has unsupported data type " + type);
        }
        long count = 1;
        for (long d : p.getDimsList()) {
            count *= d;
        }
        if (p.hasRawData()) {
            byte[] raw = p.getRawData().toByteArray();
            if (raw.length != count * type.byteSize()) {
                throw new OnnxFormatException("onnx: tensor '" + name + "' raw_data holds " + raw.length
                        + " bytes but " + type + " " + p.getDimsList() + " needs " + count * type.byteSize());
            }
            return raw;
        }
        int n = Math.toIntExact(count);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(count * type.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        int available = switch (type) {
            case FLOAT, COMPLEX64 -> p.getFloatDataCount();
            case DOUBLE, COMPLEX128 -> p.getDoubleDataCount();
            case INT64 -> p.getInt64DataCount();
            case UINT32, UINT64 -> p.getUint64DataCount();
            default -> p.getInt32DataCount();
        };
        int expected = (type == DataType.COMPLEX64 || type == DataType.COMPLEX128) ? 2 * n : n;
        if (available != expected) {
            throw new OnnxFormatException("onnx: tensor '" + name + "' holds " + available + " values but "
                    + type + " " + p.getDimsList() + " needs " + expected);
        }
        for (int i = 0; i < expected; i++) {
            switch (type) {
                case FLOAT, COMPLEX64 -> b.putFloat(p.getFloatData(i));
                case DOUBLE, COMPLEX128 -> b.putDouble(p.getDoubleData(i));
                case INT64 -> b.putLong(p.getInt64Data(i));
                case UINT32 -> b.putInt((int) p.getUint64Data(i));
                case UINT64 -> b.putLong(p.getUint64Data(i));
                case INT32 -> b.putInt(p.getInt32Data(i));
                case INT16, UINT16, FLOAT16, BFLOAT16 -> b.putShort((short) p.getInt32Data(i));
                default -> b.put((byte) p.getInt32Data(i)); // INT8, UINT8, BOOL, FLOAT8*
            }
        }
        return b.array();
    }
}
