package io.edgeladder.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks shared by the message records' compact constructors. Each throws an {@link InvalidFieldException}
 * naming the record, the field and the bad value, and returns the (copied, where a collection) value.
 */
public final class Fields {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private Fields() {}

  public static String text(String record, String field, String value) {
    if (value == null || value.isBlank()) throw new InvalidFieldException(record, field, "is missing");
    return value;
  }

  public static <T> T present(String record, String field, T value) {
    if (value == null) throw new InvalidFieldException(record, field, "is missing");
    return value;
  }

  /** A topic-level id (agent id, pipeline name): see {@link Topics#levelProblem(String)}. */
  public static String id(String record, String field, String value) {
    String problem = Topics.levelProblem(value);
    if (problem != null) throw new InvalidFieldException(record, field, problem);
    return value;
  }

  public static String sha256(String record, String field, String value) {
    if (!isSha256(value)) {
      throw new InvalidFieldException(record, field, "must be 64 lower-case hex digits but was " + value);
    }
    return value;
  }

  /** Null stays null; anything else must be a sha256. */
  public static String optionalSha256(String record, String field, String value) {
    return value == null ? null : sha256(record, field, value);
  }

  public static boolean isSha256(String value) {
    return value != null && SHA256.matcher(value).matches();
  }

  public static long atLeast(String record, String field, long min, long value) {
    if (value < min) throw new InvalidFieldException(record, field, "must be >= " + min + " but was " + value);
    return value;
  }

  public static double fraction(String record, String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidFieldException(record, field, "must be in [0, 1] but was " + value);
    }
    return value;
  }

  public static double nonNegative(String record, String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InvalidFieldException(record, field, "must be >= 0 and finite but was " + value);
    }
    return value;
  }

  /** A copy of the list (null reads as empty); null elements are rejected with their index. */
  public static <T> List<T> list(String record, String field, List<T> value) {
    if (value == null) return List.of();
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) == null) throw new InvalidFieldException(record, field + "[" + i + "]", "is null");
    }
    return List.copyOf(value);
  }

  /** A copy of the list of non-blank strings (null reads as empty). */
  public static List<String> texts(String record, String field, List<String> value) {
    List<String> copy = list(record, field, value);
    for (int i = 0; i < copy.size(); i++) text(record, field + "[" + i + "]", copy.get(i));
    return copy;
  }

  /** A copy of a string map (null reads as empty); blank keys and null values are rejected. */
  public static Map<String, String> labels(String record, String field, Map<String, String> value) {
    if (value == null) return Map.of();
    value.forEach((k, v) -> {
      if (k == null || k.isBlank()) throw new InvalidFieldException(record, field, "has a blank key");
      if (v == null) throw new InvalidFieldException(record, field + "." + k, "is null");
    });
    return Map.copyOf(value);
  }

  /** Rejects the first element whose key repeats an earlier one's, naming the key. */
  public static <T> void unique(String record, String field, List<T> items, Function<T, String> key) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String k = key.apply(items.get(i));
      if (!seen.add(k)) throw new InvalidFieldException(record, field + "[" + i + "]", "repeats " + k);
    }
  }
}
