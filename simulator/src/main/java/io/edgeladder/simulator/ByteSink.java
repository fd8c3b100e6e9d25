package io.edgeladder.simulator;

import java.util.Arrays;

/**
 * A growable byte buffer that payload encoders write ASCII and numbers into without creating strings.
 * Reused across messages; not thread-safe.
 */
final class ByteSink {
  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};

  private byte[] bytes;
  private int size;

  ByteSink(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  /** A copy of the written bytes, sized exactly. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  ByteSink put(byte b) {
    ensure(1);
    bytes[size++] = b;
    return this;
  }

  ByteSink put(char c) {
    return put((byte) c);
  }

  /** Appends ASCII text (JSON keys and names the caller has checked). */
  ByteSink ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  ByteSink raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
    return this;
  }

  ByteSink integer(long v) {
    ensure(20);
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    int start = size;
    do {
      bytes[size++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    for (int i = start, j = size - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  /**
   * Appends {@code v} as a JSON number rounded to {@code decimals} places, trailing zeros dropped
   * ({@code 0.125}, {@code -3}, {@code 12.5}). Non-finite values have no JSON form and are written as 0.
   */
  ByteSink decimal(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return put('0');
    }
    long scale = POW10[decimals];
    long scaled = Math.round(Math.abs(v) * scale);
    if (scaled != 0 && v < 0) {
      put('-');
    }
    integer(scaled / scale);
    long frac = scaled % scale;
    if (frac != 0) {
      int digits = decimals;
      while (frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
      ensure(digits + 1);
      bytes[size++] = '.';
      for (int i = digits - 1; i >= 0; i--) {
        bytes[size + i] = (byte) ('0' + frac % 10);
        frac /= 10;
      }
      size += digits;
    }
    return this;
  }
}
