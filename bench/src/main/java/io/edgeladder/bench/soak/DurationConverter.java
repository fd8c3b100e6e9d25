package io.edgeladder.bench.soak;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 60s}, {@code 500ms}; a bare number is seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** {@code 2h}, {@code 1h30m}, {@code 60s}, {@code 1m0.5s}: how the options are written. */
  static String format(Duration d) {
    long s = d.getSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      b.append(s % 3600 / 60).append('m');
    }
    if (s % 60 != 0 || d.getNano() != 0 || b.length() == 0) {
      b.append(d.getNano() == 0 ? Long.toString(s % 60) : java.math.BigDecimal.valueOf(s % 60 + d.getNano() / 1e9)
          .stripTrailingZeros().toPlainString()).append('s');
    }
    return b.toString();
  }

  static Duration parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofNanos((long) (Double.parseDouble(v) * 1e9));
    }
    Matcher m = PART.matcher(v);
    long nanos = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos += (long) (n * switch (m.group(2)) {
        case "h" -> 3600e9;
        case "m" -> 60e9;
        case "s" -> 1e9;
        default -> 1e6;
      });
      at = m.end();
    }
    if (v.isEmpty() || at != v.length()) {
      throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 2h, 90m, 1h30m, 60s, 500ms"
          + " or a number of seconds");
    }
    return Duration.ofNanos(nanos);
  }
}
