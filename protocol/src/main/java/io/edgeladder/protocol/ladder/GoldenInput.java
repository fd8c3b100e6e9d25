package io.edgeladder.protocol.ladder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * The one input every variant's golden output was computed from: a validation window, already
 * normalised, stored once per manifest as base64 of float32 little-endian values in tensor order.
 *
 * @param id reference the variants' {@link Golden#input()} use, e.g. {@code validation-0}
 * @param label class index of the window in the validation set
 * @param shape tensor shape, e.g. {@code [1, 3, 1024]}
 * @param float32Base64 base64 of the float32 LE values; length must match {@code shape}
 */
public record GoldenInput(String id, int label, long[] shape, String float32Base64) {

  public GoldenInput {
    Checks.text("goldenInput.id", id);
    if (label < 0) throw new IllegalArgumentException("ladder goldenInput.label must be >= 0 but was " + label);
    if (shape == null || shape.length == 0) throw new IllegalArgumentException("ladder goldenInput.shape is missing");
    shape = shape.clone();
    long elements = 1;
    for (long d : shape) {
      Checks.positive("goldenInput.shape dimension", d);
      if (d > Integer.MAX_VALUE / Float.BYTES / elements) { // also keeps the products below from overflowing
        throw new IllegalArgumentException("ladder goldenInput.shape " + Arrays.toString(shape)
            + " holds more than " + Integer.MAX_VALUE / Float.BYTES + " values");
      }
      elements *= d;
    }
    Checks.text("goldenInput.float32Base64", float32Base64);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(float32Base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ladder goldenInput.float32Base64 is not base64: " + e.getMessage(), e);
    }
    if (bytes.length != elements * Float.BYTES) {
      throw new IllegalArgumentException("ladder goldenInput.float32Base64 must hold " + elements
          + " floats for shape " + Arrays.toString(shape) + " but held " + bytes.length + " bytes");
    }
  }

  /** Encodes {@code values} (tensor order) as a golden input. */
  public static GoldenInput of(String id, int label, long[] shape, float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return new GoldenInput(id, label, shape, Base64.getEncoder().encodeToString(buf.array()));
  }

  /** The decoded values, in tensor order (a fresh array). */
  public float[] values() {
    ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(float32Base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[buf.remaining() / Float.BYTES];
    buf.asFloatBuffer().get(out);
    return out;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoldenInput g && id.equals(g.id) && label == g.label
        && Arrays.equals(shape, g.shape) && float32Base64.equals(g.float32Base64);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + float32Base64.hashCode();
  }

  @Override
  public String toString() {
    return "GoldenInput[id=" + id + ", label=" + label + ", shape=" + Arrays.toString(shape) + "]";
  }
}
