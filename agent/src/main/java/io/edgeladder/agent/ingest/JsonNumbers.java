package io.edgeladder.agent.ingest;

/**
 * Allocation-free JSON number parsing for {@link JsonScanner}: RFC 8259 grammar ({@code -? (0 |
 * [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}), so leading zeros, a leading '+', a bare '.' or
 * hex are malformed.
 *
 * <p>Exact (correctly rounded) for up to 15 significant digits with decimal exponents within ±22
 * (Clinger's fast path), which covers sensor data; otherwise within a few double ulps, which vanish
 * in the float32 samples this feeds.
 */
final class JsonNumbers {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
    1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long[] POW10_LONG = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
    1_000_000_000_000_000L
  };
  /** Significant digits kept; 18 fit a long without overflow, later ones cannot change a float. */
  private static final int MAX_DIGITS = 18;

  private JsonNumbers() {}

  /**
   * Parses the number at {@code in}'s cursor and moves past it. Also accepts the non-standard
   * literals {@code NaN}, {@code Infinity} and {@code -Infinity} (Python's {@code json.dumps} writes
   * them) and returns them as such, so callers reject them as non-finite rather than malformed.
   */
  static double read(JsonScanner in) throws DecodeException {
    byte[] b = in.b;
    int end = in.end;
    boolean neg = false;
    if (in.pos < end && b[in.pos] == '-') {
      neg = true;
      in.pos++;
    }
    int c = in.peek();
    if (c == 'I') {
      in.literal("Infinity");
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (c == 'N' && !neg) {
      in.literal("NaN");
      return Double.NaN;
    }
    long mant = 0;
    int digits = 0;
    int exp10 = 0;
    if (c == '0') {
      in.pos++;
    } else if (c >= '1' && c <= '9') {
      while (in.pos < end && (c = b[in.pos]) >= '0' && c <= '9') {
        if (digits < MAX_DIGITS) {
          mant = mant * 10 + (c - '0');
          digits++;
        } else {
          exp10++;
        }
        in.pos++;
      }
    } else {
      throw in.unexpected("a number");
    }
    if (in.pos < end && b[in.pos] == '.') {
      int first = ++in.pos;
      while (in.pos < end && (c = b[in.pos]) >= '0' && c <= '9') {
        if (digits < MAX_DIGITS) {
          mant = mant * 10 + (c - '0');
          exp10--;
          if (mant != 0) {
            digits++; // leading zeros of 0.000123 are not significant
          }
        }
        in.pos++;
      }
      if (in.pos == first) {
        throw in.unexpected("a digit after '.'");
      }
    }
    if (in.pos < end && (b[in.pos] == 'e' || b[in.pos] == 'E')) {
      in.pos++;
      boolean expNeg = false;
      if (in.pos < end && (b[in.pos] == '+' || b[in.pos] == '-')) {
        expNeg = b[in.pos] == '-';
        in.pos++;
      }
      int first = in.pos;
      int e = 0;
      while (in.pos < end && (c = b[in.pos]) >= '0' && c <= '9') {
        e = Math.min(e * 10 + (c - '0'), 100_000); // saturate: beyond ±400 the value is 0 or ∞ anyway
        in.pos++;
      }
      if (in.pos == first) {
        throw in.unexpected("a digit in the exponent");
      }
      exp10 += expNeg ? -e : e;
    }
    double v = scale(mant, exp10);
    return neg ? -v : v;
  }

  /** {@code mant * 10^exp10}. */
  static double scale(long mant, int exp10) {
    if (mant == 0) {
      return 0.0;
    }
    if (mant < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
      // Both operands exact, so one IEEE operation rounds correctly.
      return exp10 >= 0 ? mant * POW10[exp10] : mant / POW10[-exp10];
    }
    while (mant % 10 == 0) { // 1200e21 = 12e23: a smaller mantissa may reach an exact path
      mant /= 10;
      exp10++;
    }
    if (exp10 > 22 && exp10 <= 22 + 15 && mant < (1L << 53) / POW10_LONG[exp10 - 22]) {
      // Clinger's extension: mant * 10^(exp10-22) is still an exact integer below 2^53.
      return (double) (mant * POW10_LONG[exp10 - 22]) * 1e22;
    }
    if (exp10 > 400) {
      return Double.POSITIVE_INFINITY;
    }
    if (exp10 < -400) {
      return 0.0;
    }
    double m = mant;
    while (exp10 > 22) {
      m *= 1e22;
      exp10 -= 22;
    }
    while (exp10 < -22) {
      m /= 1e22;
      exp10 += 22;
    }
    return exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
  }
}
