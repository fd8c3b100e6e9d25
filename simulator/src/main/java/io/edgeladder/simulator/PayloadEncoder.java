package io.edgeladder.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes blocks of interleaved {@code x, y, z} frames in one {@link PayloadFormat}. Keeps one reusable
 * buffer: the encoded bytes are valid until the next {@link #encode} call. Not thread-safe.
 *
 * <p>JSON and SenML values are written with {@value #VALUE_DECIMALS} decimals (1e-5 m/s², far below
 * the sensor noise); SenML times with {@value #TIME_DECIMALS} decimals of a second.
 */
public final class PayloadEncoder {
  static final int VALUE_DECIMALS = 5;
  static final int TIME_DECIMALS = 7;
  private static final String[] NAMES = {"x", "y", "z"};

  private final PayloadFormat format;
  private final ByteSink sink = new ByteSink(8192);
  private ByteBuffer raw = ByteBuffer.allocate(0);

  PayloadEncoder(PayloadFormat format) {
    this.format = format;
  }

  public PayloadFormat format() {
    return format;
  }

  /**
   * Encodes {@code frames} frames of {@code interleaved}.
   *
   * @param machine SenML base name prefix (becomes {@code "{machine}:"}); ignored by the other formats
   * @param epochMillis wall time of frame 0 (SenML {@code bt}); ignored by the other formats
   * @param sampleRateHz frames per second, for SenML relative times
   * @return the number of bytes now in {@link #bytes()}
   */
  public int encode(float[] interleaved, int frames, String machine, long epochMillis, double sampleRateHz) {
    if (interleaved.length < 3 * frames) {
      throw new IllegalArgumentException("payload encoder: " + frames + " frames need " + 3L * frames
          + " floats but the buffer holds " + interleaved.length);
    }
    switch (format) {
      case RAW -> raw(interleaved, frames);
      case JSON -> json(interleaved, frames);
      case SENML -> senml(interleaved, frames, machine, epochMillis, sampleRateHz);
    }
    return size();
  }

  /** The buffer holding the last encoding in {@code [0, size())}; reused by the next call. */
  public byte[] bytes() {
    return format == PayloadFormat.RAW ? raw.array() : sink.array();
  }

  public int size() {
    return format == PayloadFormat.RAW ? raw.position() : sink.size();
  }

  /** A copy of the last encoding, sized exactly (what MQTT clients that keep the array need). */
  public byte[] toByteArray() {
    byte[] out = new byte[size()];
    System.arraycopy(bytes(), 0, out, 0, out.length);
    return out;
  }

  private void raw(float[] v, int frames) {
    int n = 3 * frames * Float.BYTES;
    if (raw.capacity() < n) {
      raw = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
    raw.clear();
    for (int i = 0; i < 3 * frames; i++) {
      raw.putFloat(v[i]);
    }
  }

  private void json(float[] v, int frames) {
    sink.clear();
    sink.put('[');
    for (int i = 0; i < 3 * frames; i++) {
      if (i > 0) {
        sink.put(',');
      }
      sink.decimal(v[i], VALUE_DECIMALS);
    }
    sink.put(']');
  }

  private void senml(float[] v, int frames, String machine, long epochMillis, double sampleRateHz) {
    sink.clear();
    sink.put('[');
    for (int f = 0; f < frames; f++) {
      double t = f / sampleRateHz;
      for (int axis = 0; axis < 3; axis++) {
        if (f > 0 || axis > 0) {
          sink.put(',');
        }
        sink.put('{');
        if (f == 0 && axis == 0) {
          sink.ascii("\"bn\":\"");
          jsonString(machine);
          sink.ascii(":\",\"bt\":").integer(Math.floorDiv(epochMillis, 1000)).put('.');
          long ms = Math.floorMod(epochMillis, 1000);
          sink.put((char) ('0' + ms / 100)).put((char) ('0' + ms / 10 % 10)).put((char) ('0' + ms % 10));
          sink.ascii(",\"bu\":\"m/s2\",");
        }
        sink.ascii("\"n\":\"").ascii(NAMES[axis]).ascii("\",\"v\":");
        sink.decimal(v[3 * f + axis], VALUE_DECIMALS);
        sink.ascii(",\"t\":").decimal(t, TIME_DECIMALS).put('}');
      }
    }
    sink.put(']');
  }

  private void jsonString(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sink.put('\\').put(c);
      } else if (c < 0x20 || c > 0x7e) {
        sink.ascii("\\u").ascii(String.format("%04x", (int) c));
      } else {
        sink.put(c);
      }
    }
  }
}
