package io.edgeladder.controller.store.fleet;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A conjunction of label requirements, Kubernetes style: {@code site=plant-1,tier!=test},
 * {@code zone in (a,b)}, {@code zone notin (c)}, {@code gpu} (has the label), {@code !gpu} (has
 * not). {@code !=} and {@code notin} also match agents without the label. The empty selector
 * matches every agent. Immutable, thread-safe.
 */
public record LabelSelector(List<Requirement> requirements) {
  /** Operators of a requirement. */
  public enum Op {
    IN,
    NOT_IN,
    EXISTS,
    NOT_EXISTS
  }

  /**
   * One requirement; {@code k=v} is {@code k in (v)}.
   *
   * @param values sorted; empty for {@link Op#EXISTS} and {@link Op#NOT_EXISTS}
   */
  public record Requirement(String key, Op op, Set<String> values) {
    public Requirement {
      Labels.key(key);
      TreeSet<String> sorted = new TreeSet<>();
      for (String v : values) {
        sorted.add(Labels.value(key, v));
      }
      boolean needsValues = op == Op.IN || op == Op.NOT_IN;
      if (needsValues == sorted.isEmpty()) {
        throw new IllegalArgumentException(
            "label selector requirement on " + key + " with " + op + " takes "
                + (needsValues ? "at least one value" : "no values") + " but had " + sorted);
      }
      values = Collections.unmodifiableSortedSet(sorted);
    }

    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      switch (op) {
        case IN:
          return v != null && values.contains(v);
        case NOT_IN:
          return v == null || !values.contains(v);
        case EXISTS:
          return v != null;
        default:
          return v == null;
      }
    }

    @Override
    public String toString() {
      String list = String.join(",", values);
      switch (op) {
        case IN:
          return values.size() == 1 ? key + "=" + list : key + " in (" + list + ")";
        case NOT_IN:
          return values.size() == 1 ? key + "!=" + list : key + " notin (" + list + ")";
        case EXISTS:
          return key;
        default:
          return "!" + key;
      }
    }
  }

  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /** The selector that matches every agent. */
  public static LabelSelector all() {
    return new LabelSelector(List.of());
  }

  /**
   * Parses {@code text}; blank text is {@link #all()}.
   *
   * @throws IllegalArgumentException naming the selector and the requirement that does not parse
   */
  public static LabelSelector parse(String text) {
    return LabelSelectorParser.parse(text == null ? "" : text);
  }

  /** Whether an agent with these labels is selected. */
  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }
}
