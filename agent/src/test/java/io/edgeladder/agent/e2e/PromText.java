package io.edgeladder.agent.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Prometheus text exposition (format 0.0.4), read just enough to sum the samples of one metric. */
final class PromText {
  private final String text;

  PromText(String text) {
    this.text = text;
  }

  /**
   * Sum of the samples named {@code name} whose labels include every {@code key, value} pair given.
   *
   * @throws AssertionError when no sample matches (a missing meter must not read as 0)
   */
  double sum(String name, String... labelPairs) {
    double total = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String sample = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
      if (!sample.equals(name)) {
        continue;
      }
      Map<String, String> labels = brace >= 0 ? labels(line.substring(brace + 1, line.lastIndexOf('}')))
          : Map.of();
      if (matches(labels, labelPairs)) {
        total += Double.parseDouble(line.substring(space + 1));
        found = true;
      }
    }
    if (!found) {
      throw new AssertionError("no sample " + name + " with labels " + String.join(",", labelPairs)
          + " in /metrics");
    }
    return total;
  }

  long count(String name, String... labelPairs) {
    return Math.round(sum(name, labelPairs));
  }

  private static boolean matches(Map<String, String> labels, String[] pairs) {
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }

  /** Our label values never contain quotes or commas, so a plain split is enough. */
  private static Map<String, String> labels(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim().replace("\"", ""));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }
}
