package io.edgeladder.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with just enough JSON writing for hot-path messages: numbers, booleans,
 * fractions in [0, 1] and escaped strings, without allocating once it has grown to size.
 */
public final class JsonBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final int FRACTION_DIGITS = 5;
  private static final int FRACTION_SCALE = 100_000;

  private byte[] buf;
  private int len;

  public JsonBuffer(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  public JsonBuffer reset() {
    len = 0;
    return this;
  }

  /** The backing array; valid bytes are {@code [0, length())}. */
  public byte[] array() {
    return buf;
  }

  public int length() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  public JsonBuffer raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  public JsonBuffer raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  public JsonBuffer key(String name) {
    return string(name).raw(':');
  }

  public JsonBuffer bool(boolean v) {
    return raw(v ? TRUE : FALSE);
  }

  public JsonBuffer number(long v) {
    if (v == Long.MIN_VALUE) {
      return raw("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    reverse(start, len - 1);
    return this;
  }

  /** Writes a value in [0, 1] with five decimals; values outside are clamped, NaN is written as null. */
  public JsonBuffer fraction(float v) {
    if (Float.isNaN(v)) {
      return raw(NULL);
    }
    int scaled = Math.round(Math.min(1f, Math.max(0f, v)) * FRACTION_SCALE);
    ensure(FRACTION_DIGITS + 2);
    buf[len++] = (byte) ('0' + scaled / FRACTION_SCALE);
    buf[len++] = '.';
    int frac = scaled % FRACTION_SCALE;
    for (int d = FRACTION_SCALE / 10; d > 0; d /= 10) {
      buf[len++] = (byte) ('0' + (frac / d) % 10);
    }
    return this;
  }

  /** Writes a quoted, escaped JSON string (allocates only for non-ASCII input). */
  public JsonBuffer string(String s) {
    ensure(s.length() + 2);
    buf[len++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = (byte) c;
      } else if (c < 0x20) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = '0';
        buf[len++] = '0';
        buf[len++] = HEX[c >> 4];
        buf[len++] = HEX[c & 0xF];
      } else if (c < 0x80) {
        ensure(1);
        buf[len++] = (byte) c;
      } else {
        int end = i + 1;
        while (end < s.length() && s.charAt(end) >= 0x80) end++;
        raw(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  private void reverse(int from, int to) {
    while (from < to) {
      byte t = buf[from];
      buf[from++] = buf[to];
      buf[to--] = t;
    }
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
