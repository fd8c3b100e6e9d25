package io.edgeladder.controller.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Validation shared by the store records: every message names the field and the bad value, so a
 * rejected MQTT payload or REST body can be reported as-is. Stateless, thread-safe.
 */
public final class Require {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private Require() {}

  /** A non-blank identifier of at most {@code maxLength} characters. */
  public static String id(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be at most " + maxLength + " characters but was " + value.length()
              + " ('" + value.substring(0, Math.min(32, value.length())) + "...')");
    }
    return value;
  }

  /** A sha256 in the project's form: 64 lower-case hex digits. */
  public static String sha256(String field, String value) {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 64 lower-case hex digits but was '" + value + "'");
    }
    return value;
  }

  /** {@code null} or a sha256. */
  public static String optionalSha256(String field, String value) {
    return value == null ? null : sha256(field, value);
  }

  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0 but was " + value);
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite value >= 0 but was " + value);
    }
    return value;
  }

  public static double fraction(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1] but was " + value);
    }
    return value;
  }

  /**
   * Instants are kept at microsecond precision: both PostgreSQL and H2 store {@code timestamp with
   * time zone} in microseconds, so a record read back equals the record written.
   */
  public static Instant micros(String field, Instant value) {
    return present(field, value).truncatedTo(ChronoUnit.MICROS);
  }
}
