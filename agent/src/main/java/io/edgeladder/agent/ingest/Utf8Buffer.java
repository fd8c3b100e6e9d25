package io.edgeladder.agent.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growable byte buffer holding one decoded JSON string as UTF-8. Grows (allocates) only
 * when a string is longer than any seen before, so steady-state decoding allocates nothing.
 */
final class Utf8Buffer {
  private byte[] bytes;
  private int length;

  Utf8Buffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  void clear() {
    length = 0;
  }

  int length() {
    return length;
  }

  byte byteAt(int i) {
    return bytes[i];
  }

  void append(int b) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(16, bytes.length * 2));
    }
    bytes[length++] = (byte) b;
  }

  void appendCodePoint(int cp) {
    if (cp < 0x80) {
      append(cp);
    } else if (cp < 0x800) {
      append(0xc0 | cp >> 6);
      append(0x80 | cp & 0x3f);
    } else if (cp < 0x10000) {
      append(0xe0 | cp >> 12);
      append(0x80 | cp >> 6 & 0x3f);
      append(0x80 | cp & 0x3f);
    } else {
      append(0xf0 | cp >> 18);
      append(0x80 | cp >> 12 & 0x3f);
      append(0x80 | cp >> 6 & 0x3f);
      append(0x80 | cp & 0x3f);
    }
  }

  /** Whether bytes {@code [from, length)} equal {@code other} starting at {@code otherFrom}. */
  boolean regionEquals(int from, byte[] other, int otherFrom, int count) {
    if (from + count > length || otherFrom + count > other.length) {
      return false;
    }
    return Arrays.equals(bytes, from, from + count, other, otherFrom, otherFrom + count);
  }

  /** Whether the whole content equals the ASCII/UTF-8 bytes {@code other}. */
  boolean contentEquals(byte[] other) {
    return length == other.length && regionEquals(0, other, 0, length);
  }

  /** Index of the last ':' or '/' (SenML name separators), or -1. */
  int lastSeparator() {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == ':' || bytes[i] == '/') {
        return i;
      }
    }
    return -1;
  }

  /** Decodes bytes {@code [from, length)}; allocates, so only for error messages. */
  String toString(int from) {
    return new String(bytes, from, length - from, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return toString(0);
  }
}
