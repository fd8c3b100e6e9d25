package io.edgeladder.agent.ingest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Differential test: our number parser against {@link Double#parseDouble}, narrowed to float. */
class JsonNumbersTest {
  private final JsonScanner in = new JsonScanner("JSON");

  private double parse(String s) throws DecodeException {
    in.reset(s.getBytes(US_ASCII));
    double d = in.number();
    if (in.pos() != s.length()) {
      throw new AssertionError("parsed " + in.pos() + " of " + s.length() + " chars of " + s);
    }
    return d;
  }

  @Test
  void number_randomSensorLikeValues_matchJavaExactlyAsFloat() throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 50_000; i++) {
      double x = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-6, 7));
      String s = switch (i % 5) {
        case 0 -> Double.toString(x).replace("E", "e");
        case 1 -> Float.toString((float) x).replace("E", "e");
        case 2 -> String.format(Locale.ROOT, "%.4f", x);
        case 3 -> String.format(Locale.ROOT, "%.6e", x);
        default -> String.format(Locale.ROOT, "%.9E", x);
      };
      float expected = (float) Double.parseDouble(s);
      if ((float) parse(s) != expected) { // AssertJ per iteration would dominate the run time
        assertThat((float) parse(s)).as(s).isEqualTo(expected);
      }
    }
  }

  @Test
  void number_randomDoublesAnyMagnitude_withinOneFloatUlp() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    int exact = 0;
    for (int i = 0; i < 50_000; i++) {
      double x = Double.longBitsToDouble(rnd.nextLong());
      if (!Double.isFinite(x)) {
        continue;
      }
      String s = Double.toString(x).replace("E", "e");
      float expected = (float) Double.parseDouble(s);
      float actual = (float) parse(s);
      boolean close = Float.isInfinite(expected)
          ? actual == expected
          : Math.abs(actual - expected) <= Math.ulp(expected);
      if (!close) {
        throw new AssertionError(s + " parsed as " + actual + " but Java says " + expected);
      }
      exact += actual == expected ? 1 : 0;
    }
    assertThat(exact).isGreaterThan(49_500);
  }

  @Test
  void number_fastPath_matchesDoubleExactly() throws Exception {
    assertThat(parse("0.1")).isEqualTo(0.1);
    assertThat(parse("-123.456e-7")).isEqualTo(-123.456e-7);
    assertThat(parse("1712345678.123")).isEqualTo(1712345678.123);
    assertThat(parse("9007199254740991")).isEqualTo(9007199254740991.0);
  }

  @Test
  void number_longMantissaAndHugeExponent_saturates() throws Exception {
    assertThat(parse("1" + "0".repeat(40))).isEqualTo(1e40);
    assertThat(parse("1e99999999999")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parse("-1e-99999999999")).isEqualTo(-0.0);
    assertThat(parse("0e999")).isEqualTo(0.0);
  }

  @Test
  void number_literals_returnedAsNonFinite() throws Exception {
    assertThat(parse("NaN")).isNaN();
    assertThat(parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
