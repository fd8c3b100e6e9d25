package io.edgeladder.agent.ingest;

/**
 * An allocation-free cursor over a JSON payload held as bytes: whitespace, punctuation, numbers and
 * strings (RFC 8259 grammar). Jackson's streaming parser allocates per token; this one allocates only
 * when it rejects the input (the exception and its message).
 *
 * <p>Every read is bounds-checked, so arbitrary bytes end in a {@link DecodeException}
 * ({@link DecodeError#MALFORMED}) and never in another exception. Not thread-safe: one per decoder.
 */
final class JsonScanner {
  private static final int MAX_DEPTH = 32;

  private final String format;
  // Package-private for JsonNumbers, which parses in place.
  byte[] b;
  int pos;
  int end;

  JsonScanner(String format) {
    this.format = format;
  }

  void reset(byte[] payload) {
    b = payload;
    pos = 0;
    end = payload.length;
  }

  int pos() {
    return pos;
  }

  /** The next byte (0..255) without consuming it, or -1 at the end. */
  int peek() {
    return pos < end ? b[pos] & 0xff : -1;
  }

  void skipWs() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  /** Consumes {@code c} or rejects the payload. */
  void expect(char c) throws DecodeException {
    if (pos >= end || b[pos] != c) {
      throw unexpected("'" + c + "'");
    }
    pos++;
  }

  /** After the top-level value: only whitespace may follow. */
  void expectEnd() throws DecodeException {
    skipWs();
    if (pos != end) {
      throw malformed("trailing bytes after the array at byte " + pos);
    }
  }

  /**
   * Parses a JSON number at the cursor (see {@link JsonNumbers#read}); also the literals {@code NaN},
   * {@code Infinity} and {@code -Infinity}, returned as such so callers can report them as non-finite.
   */
  double number() throws DecodeException {
    return JsonNumbers.read(this);
  }

  void literal(String word) throws DecodeException {
    for (int i = 0; i < word.length(); i++) {
      if (pos >= end || b[pos] != word.charAt(i)) {
        throw unexpected("a number");
      }
      pos++;
    }
  }

  /** Parses a JSON string at the cursor into {@code out} (UTF-8, escapes resolved). */
  void string(Utf8Buffer out) throws DecodeException {
    expect('"');
    out.clear();
    while (true) {
      if (pos >= end) {
        throw malformed("unterminated string at end of payload");
      }
      int c = b[pos++] & 0xff;
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw malformed("control character 0x" + Integer.toHexString(c) + " in string at byte " + (pos - 1));
      }
      if (c >= 0x80) {
        utf8Sequence(c, out);
        continue;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= end) {
        throw malformed("unterminated escape at end of payload");
      }
      int e = b[pos++];
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> unicodeEscape(out);
        default -> throw malformed("bad escape '\\" + (char) (e & 0xff) + "' at byte " + (pos - 2));
      }
    }
  }

  /** Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
  private void utf8Sequence(int lead, Utf8Buffer out) throws DecodeException {
    int start = pos - 1;
    int tail;
    int cp;
    int min;
    if (lead >= 0xc2 && lead <= 0xdf) {
      tail = 1;
      cp = lead & 0x1f;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      tail = 2;
      cp = lead & 0x0f;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      tail = 3;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      throw malformed("invalid UTF-8 at byte " + start);
    }
    for (int i = 0; i < tail; i++) {
      if (pos >= end || (b[pos] & 0xc0) != 0x80) {
        throw malformed("invalid UTF-8 at byte " + start);
      }
      cp = cp << 6 | b[pos++] & 0x3f;
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw malformed("invalid UTF-8 at byte " + start);
    }
    out.appendCodePoint(cp);
  }

  private void unicodeEscape(Utf8Buffer out) throws DecodeException {
    int cp = hex4();
    if (Character.isHighSurrogate((char) cp)) {
      if (pos + 1 < end && b[pos] == '\\' && b[pos + 1] == 'u') {
        pos += 2;
        int low = hex4();
        if (!Character.isLowSurrogate((char) low)) {
          throw malformed("unpaired surrogate escape before byte " + pos);
        }
        cp = Character.toCodePoint((char) cp, (char) low);
      } else {
        throw malformed("unpaired surrogate escape before byte " + pos);
      }
    } else if (Character.isLowSurrogate((char) cp)) {
      throw malformed("unpaired surrogate escape before byte " + pos);
    }
    out.appendCodePoint(cp);
  }

  private int hex4() throws DecodeException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = pos < end ? Character.digit(b[pos] & 0xff, 16) : -1;
      if (d < 0) {
        throw unexpected("a hex digit in a \\u escape");
      }
      v = v << 4 | d;
      pos++;
    }
    return v;
  }

  /** Skips any JSON value (for SenML fields we ignore), nesting at most {@value #MAX_DEPTH} deep. */
  void skipValue(Utf8Buffer scratch) throws DecodeException {
    skipValue(scratch, 0);
  }

  private void skipValue(Utf8Buffer scratch, int depth) throws DecodeException {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH + " at byte " + pos);
    }
    skipWs();
    int c = peek();
    if (c == '"') {
      string(scratch);
    } else if (c == '[' || c == '{') {
      pos++;
      char close = c == '[' ? ']' : '}';
      skipWs();
      if (peek() == close) {
        pos++;
        return;
      }
      while (true) {
        if (close == '}') {
          skipWs();
          string(scratch);
          skipWs();
          expect(':');
        }
        skipValue(scratch, depth + 1);
        skipWs();
        if (peek() == ',') {
          pos++;
        } else {
          expect(close);
          return;
        }
      }
    } else if (c == 't') {
      literal("true");
    } else if (c == 'f') {
      literal("false");
    } else if (c == 'n') {
      literal("null");
    } else {
      number();
    }
  }

  DecodeException unexpected(String wanted) {
    String found = pos >= end ? "end of payload" : describe(b[pos] & 0xff);
    return malformed("expected " + wanted + " at byte " + pos + " but found " + found);
  }

  DecodeException malformed(String detail) {
    return new DecodeException(DecodeError.MALFORMED, format + " payload: " + detail);
  }

  private static String describe(int c) {
    return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
  }
}
