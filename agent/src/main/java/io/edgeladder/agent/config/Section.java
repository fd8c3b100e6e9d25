package io.edgeladder.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values from one YAML mapping, reporting each bad value with its path instead of throwing.
 * A read that fails returns the default so binding can go on and find the next problem; the loader
 * throws once everything was read. Null values count as absent.
 */
final class Section {
  private static final JsonNode ABSENT = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  private final JsonNode node;
  private final String path;
  private final Shape.Obj shape;
  private final Problems problems;

  private Section(JsonNode node, String path, Shape.Obj shape, Problems problems) {
    this.node = node;
    this.path = path;
    this.shape = shape;
    this.problems = problems;
  }

  /**
   * Opens a mapping, reporting it if it is not one and reporting every key the schema does not know.
   *
   * @param node the mapping, or null / missing / YAML null when the section is absent (all defaults)
   * @param path e.g. {@code broker} or {@code pipelines[1]}; empty for the top level
   */
  static Section open(JsonNode node, String path, Shape.Obj shape, Problems problems) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return new Section(ABSENT, path, shape, problems);
    }
    if (!node.isObject()) {
      problems.at(path, "must be a mapping but was " + describe(node));
      return new Section(ABSENT, path, shape, problems);
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      if (!shape.fields().containsKey(key)) {
        String where = path.isEmpty() ? "at top level" : "in " + path;
        problems.add("unknown key '" + key + "' " + where + Suggestions.didYouMean(key, shape.fields().keySet()));
      }
    }
    return new Section(node, path, shape, problems);
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The raw node under key (may be missing); for nested sections and lists. */
  JsonNode child(String key) {
    known(key);
    return node.path(key);
  }

  /** A string; numbers are taken as their text. {@code def} may be null (optional key). */
  String string(String key, String def) {
    JsonNode v = value(key);
    if (v == null) return def;
    if (v.isTextual() || v.isNumber()) return v.asText();
    problems.at(path(key), "must be a string but was " + describe(key, v));
    return def;
  }

  /** A string that must be present and not blank. */
  String requiredString(String key) {
    String s = string(key, null);
    if (s == null && value(key) == null) {
      problems.at(path(key), "is required");
    } else if (s != null && s.isBlank()) {
      problems.at(path(key), "must not be blank");
      return null;
    }
    return s;
  }

  /** An integer in {@code [min, max]}; {@code required} reports absence instead of using {@code def}. */
  int integer(String key, int def, int min, int max, boolean required) {
    JsonNode v = value(key);
    if (v == null) {
      if (required) problems.at(path(key), "is required");
      return def;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      problems.at(path(key), "must be an integer but was " + describe(key, v));
      return def;
    }
    int i = v.intValue();
    if (i < min || i > max) {
      problems.at(path(key), range(min, max) + " but was " + i);
      return def;
    }
    return i;
  }

  int integer(String key, int def, int min) {
    return integer(key, def, min, Integer.MAX_VALUE, false);
  }

  /** A number (integer or decimal) in {@code [min, max]}, or {@code def}. */
  double number(String key, double def, double min, double max) {
    JsonNode v = value(key);
    if (v == null) return def;
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      problems.at(path(key), "must be a number but was " + describe(key, v));
      return def;
    }
    double d = v.doubleValue();
    if (d < min || d > max) {
      problems.at(path(key), (max == Double.MAX_VALUE ? "must be >= " + min : "must be between " + min + " and " + max)
          + " but was " + d);
      return def;
    }
    return d;
  }

  boolean bool(String key, boolean def) {
    JsonNode v = value(key);
    if (v == null) return def;
    if (v.isBoolean()) return v.booleanValue();
    problems.at(path(key), "must be true or false but was " + describe(key, v));
    return def;
  }

  /** One of {@code allowed} (exact spelling), or {@code def}. */
  String oneOf(String key, String def, List<String> allowed) {
    String s = string(key, null);
    if (s == null) return def;
    if (!allowed.contains(s)) {
      problems.at(path(key), "must be one of " + String.join("|", allowed) + " but was '" + s + "'");
      return def;
    }
    return s;
  }

  /** A required, non-empty list of non-blank strings. */
  List<String> requiredStringList(String key) {
    JsonNode v = value(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      problems.at(path(key), "is required");
    } else if (!v.isArray()) {
      problems.at(path(key), "must be a list but was " + describe(v));
    } else if (v.isEmpty()) {
      problems.at(path(key), "must not be empty");
    } else {
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        String itemPath = path(key) + "[" + i + "]";
        if (!(e.isTextual() || e.isNumber()) || e.asText().isBlank()) {
          problems.at(itemPath, "must be a non-blank string but was " + describe(e));
        } else if (out.contains(e.asText())) {
          problems.at(itemPath, "repeats '" + e.asText() + "'");
        } else {
          out.add(e.asText());
        }
      }
    }
    return out;
  }

  private JsonNode value(String key) {
    known(key);
    JsonNode v = node.get(key);
    return v == null || v.isNull() || v.isMissingNode() ? null : v;
  }

  private void known(String key) {
    if (!shape.fields().containsKey(key)) {
      throw new IllegalStateException("config binder reads '" + path(key) + "' which Schema does not list");
    }
  }

  private static String range(int min, int max) {
    if (max == Integer.MAX_VALUE) return "must be >= " + min;
    if (max == min + 1) return "must be " + min + " or " + max;
    return "must be between " + min + " and " + max;
  }

  /** Never prints a secret's value. */
  private static String describe(String key, JsonNode v) {
    return key.equals("password") ? "a " + kind(v) : describe(v);
  }

  static String describe(JsonNode v) {
    if (v.isTextual()) return "'" + v.asText() + "'";
    if (v.isValueNode()) return v.asText();
    return "a " + kind(v);
  }

  private static String kind(JsonNode v) {
    if (v.isObject()) return "mapping";
    if (v.isArray()) return "list";
    if (v.isTextual()) return "string";
    if (v.isBoolean()) return "boolean";
    return v.isNumber() ? "number" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
