package io.edgeladder.protocol.ladder;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Shared validation for the manifest records; messages name the field and the bad value. */
final class Checks {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private Checks() {}

  static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("ladder " + field + " is missing");
    }
    return value;
  }

  static String sha256(String field, String value) {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "ladder " + field + " must be 64 lower-case hex digits but was " + value);
    }
    return value;
  }

  static void fraction(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("ladder " + field + " must be in [0, 1] but was " + value);
    }
  }

  static void nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("ladder " + field + " must be >= 0 but was " + value);
    }
  }

  static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("ladder " + field + " must be > 0 but was " + value);
    }
  }

  static void finite(String field, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "ladder " + field + "[" + i + "] must be finite but was " + values[i]);
      }
    }
  }

  /** A copy of {@code values}; a null element is rejected with its index (List.copyOf would throw an NPE). */
  static <T> List<T> list(String field, List<T> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) throw new IllegalArgumentException("ladder " + field + "[" + i + "] is null");
    }
    return List.copyOf(values);
  }

  /** A copy of {@code values}; a null value is rejected with its key (Map.copyOf would throw an NPE). */
  static <V> Map<String, V> map(String field, Map<String, V> values) {
    values.forEach((k, v) -> {
      if (k == null || v == null) throw new IllegalArgumentException("ladder " + field + "." + k + " is null");
    });
    return Map.copyOf(values);
  }
}
