package io.edgeladder.controller.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in requests: ISO-8601 ({@code PT30S}) or a number with a unit ({@code 500ms}, {@code 30s},
 * {@code 10m}, {@code 1h}).
 */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

  private Durations() {}

  /** @throws ApiException 400 {@code invalid_field} naming {@code field} */
  static Duration parse(String field, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        default:
          return Duration.ofHours(n);
      }
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("invalid_field", field, field + " must be a duration like 30s, 10m, 500ms or"
          + " PT30S but was '" + text + "'");
    }
  }
}
