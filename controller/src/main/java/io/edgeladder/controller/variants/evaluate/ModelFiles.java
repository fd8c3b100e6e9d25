package io.edgeladder.controller.variants.evaluate;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** What can be learned from a model file's bytes alone: hash, sizes, parameter counts. */
public final class ModelFiles {
  private ModelFiles() {}

  /** Hex sha256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Size of {@code bytes} gzipped at level 9: a proxy for transfer size, where zeroed (pruned) weights
   * compress away even though the raw file keeps them.
   */
  public static long gzipSize(byte[] bytes) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(sink) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return sink.size();
  }

  /**
   * Counts the elements of the main graph's initializers of floating-point or 8-bit type (weights,
   * biases, and for quantized models their scales and zero points; INT32/INT64 tensors such as shapes
   * and QDQ int32 biases are not counted — the same rule as the IR's {@code ModelStats.parameters}) and
   * how many of them are non-zero ({@code -0.0} counts as zero; externally stored tensors count as
   * non-zero since their data is not in the file).
   *
   * @throws ModelEvaluationException when {@code model} is not an ONNX ModelProto
   */
  public static ParameterCount parameters(String label, byte[] model) throws ModelEvaluationException {
    OnnxMl.ModelProto proto;
    try {
      proto = OnnxMl.ModelProto.parseFrom(model);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelEvaluationException(label + ": not an ONNX model: " + e.getMessage(), e);
    }
    long total = 0;
    long nonZero = 0;
    for (OnnxMl.TensorProto t : proto.getGraph().getInitializerList()) {
      if (!counted(t.getDataType())) continue;
      long n = 1;
      for (long d : t.getDimsList()) n *= d;
      total += n;
      nonZero += Math.min(n, nonZero(t, n));
    }
    return new ParameterCount(total, nonZero);
  }

  /** Parameter counts of one model. */
  public record ParameterCount(long total, long nonZero) {}

  private static long nonZero(OnnxMl.TensorProto t, long elements) {
    if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) return elements;
    int type = t.getDataType();
    if (t.hasRawData()) return nonZeroRaw(t.getRawData(), elementBytes(type), signMasked(type));
    long count = 0;
    for (float f : t.getFloatDataList()) if (f != 0f) count++;
    for (double d : t.getDoubleDataList()) if (d != 0d) count++;
    for (long l : t.getInt64DataList()) if (l != 0) count++;
    for (long l : t.getUint64DataList()) if (l != 0) count++;
    // fp16/bf16 live in int32_data as raw bits: mask the sign so -0.0 counts as zero
    int mask = signMasked(type) ? 0x7fff : -1;
    for (int i : t.getInt32DataList()) if ((i & mask) != 0) count++;
    return count;
  }

  private static long nonZeroRaw(ByteString raw, int size, boolean maskSign) {
    long count = 0;
    for (int off = 0; off + size <= raw.size(); off += size) {
      boolean zero = true;
      for (int b = 0; b < size && zero; b++) {
        int v = raw.byteAt(off + b) & 0xff;
        // little-endian: the sign bit of a float is the top bit of the last byte
        if (maskSign && b == size - 1) v &= 0x7f;
        zero = v == 0;
      }
      if (!zero) count++;
    }
    return count;
  }

  private static boolean counted(int type) {
    return switch (type) {
      case 1, 10, 11, 16 -> true; // float, float16, double, bfloat16
      case 2, 3, 9, 17, 18, 19, 20 -> true; // uint8, int8, bool, float8 variants: one byte each
      default -> false;
    };
  }

  private static int elementBytes(int type) {
    return switch (type) {
      case 1, 6, 12 -> 4; // float, int32, uint32
      case 7, 11, 13 -> 8; // int64, double, uint64
      case 4, 5, 10, 16 -> 2; // uint16, int16, float16, bfloat16
      default -> 1; // uint8, int8, bool, float8
    };
  }

  private static boolean signMasked(int type) {
    return type == 1 || type == 10 || type == 11 || type == 16;
  }
}
