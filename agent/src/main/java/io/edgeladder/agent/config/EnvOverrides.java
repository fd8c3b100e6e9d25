package io.edgeladder.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies {@code EDGELADDER_*} environment variables to the YAML tree before binding. The name is
 * resolved by walking {@link Schema}: each key in upper snake case ({@code intraOpThreads} becomes
 * {@code INTRA_OP_THREADS}), list elements by index, levels joined with {@code _}.
 */
final class EnvOverrides {
  static final String PREFIX = "EDGELADDER_";
  /** Variables the launcher scripts and service units use; not configuration keys. */
  static final Set<String> RESERVED = Set.of("EDGELADDER_CONFIG", "EDGELADDER_OPTS", "EDGELADDER_HOME", "EDGELADDER_LOG_LEVEL");

  private EnvOverrides() {}

  /** Applies the overrides in name order, recording problems and which variable set which path. */
  static void apply(ObjectNode root, Map<String, String> env, ObjectMapper yaml, Problems problems) {
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(PREFIX) || RESERVED.contains(name)) continue;
      List<Object> steps = new ArrayList<>();
      Shape target = resolve(Schema.ROOT, name.substring(PREFIX.length()), steps);
      if (target == null) {
        problems.add(name + " matches no configuration key" + suggest(name));
        continue;
      }
      JsonNode value = parse(name, e.getValue(), target, yaml, problems);
      if (value != null) set(root, steps, value, name, problems);
    }
  }

  /** Fills {@code steps} with keys (String) and indexes (Integer); returns the target's shape or null. */
  static Shape resolve(Shape shape, String rest, List<Object> steps) {
    if (rest.isEmpty()) return shape;
    if (shape instanceof Shape.Obj obj) {
      for (Map.Entry<String, Shape> f : obj.fields().entrySet()) {
        String snake = Schema.upperSnake(f.getKey());
        if (rest.equals(snake) || rest.startsWith(snake + "_")) {
          steps.add(f.getKey());
          Shape found = resolve(f.getValue(), rest.substring(Math.min(rest.length(), snake.length() + 1)), steps);
          if (found != null) return found;
          steps.remove(steps.size() - 1);
        }
      }
      return null;
    }
    if (shape instanceof Shape.ListOf list) {
      int end = rest.indexOf('_');
      String index = end < 0 ? rest : rest.substring(0, end);
      if (index.isEmpty() || index.length() > 6 || !index.chars().allMatch(Character::isDigit)) return null;
      steps.add(Integer.parseInt(index));
      Shape found = resolve(list.element(), end < 0 ? "" : rest.substring(end + 1), steps);
      if (found == null) steps.remove(steps.size() - 1);
      return found;
    }
    return null; // a scalar has no sub-keys
  }

  /**
   * String keys take the text verbatim (a password such as {@code 0x1F} or {@code a: b} must not turn
   * into a number or a mapping); other keys parse it as YAML ({@code 42}, {@code true}, {@code [x, y]}).
   * Empty, {@code null} and {@code ~} mean unset.
   */
  private static JsonNode parse(String name, String text, Shape target, ObjectMapper yaml, Problems problems) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty() || t.equals("null") || t.equals("~")) return NullNode.getInstance();
    if (target == Shape.Scalar.STRING) return TextNode.valueOf(text);
    try {
      JsonNode n = yaml.readTree(t);
      return n == null || n.isMissingNode() ? NullNode.getInstance() : n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      problems.add(name + " is not a YAML value: " + ex.getOriginalMessage());
      return null;
    }
  }

  private static void set(ObjectNode root, List<Object> steps, JsonNode value, String name, Problems problems) {
    JsonNode current = root;
    String path = "";
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step instanceof String key) {
        if (!(current instanceof ObjectNode obj)) {
          problems.add(name + " cannot be applied: " + (path.isEmpty() ? "the file" : path) + " is not a mapping");
          return;
        }
        path = path.isEmpty() ? key : path + "." + key;
        if (last) {
          obj.set(key, value);
        } else {
          JsonNode next = obj.get(key);
          if (next == null || next.isNull()) {
            next = steps.get(i + 1) instanceof String ? obj.putObject(key) : null;
          }
          if (next == null) {
            problems.add(name + " cannot be applied: " + path + " is missing");
            return;
          }
          current = next;
        }
      } else {
        int index = (Integer) step;
        if (!(current instanceof ArrayNode arr) || index >= arr.size()) {
          int size = current instanceof ArrayNode arr2 ? arr2.size() : 0;
          problems.add(name + " cannot be applied: " + path + "[" + index + "] does not exist ("
              + path + " has " + size + " entries)");
          return;
        }
        path = path + "[" + index + "]";
        if (last) {
          arr.set(index, value);
        } else {
          current = arr.get(index);
        }
      }
    }
    problems.overriddenBy(path, name);
  }

  private static String suggest(String name) {
    List<String> all = new ArrayList<>();
    collect(Schema.ROOT, PREFIX.substring(0, PREFIX.length() - 1), all);
    String normalized = name.replaceAll("_\\d+(?=_|$)", "_N");
    String best = Suggestions.closest(normalized, all);
    if (best == null) return "";
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d+)(?=_|$)").matcher(name);
    String index = m.find() ? m.group(1) : "0";
    return " (did you mean " + best.replace("_N_", "_" + index + "_") + "?)";
  }

  private static void collect(Shape shape, String prefix, List<String> out) {
    if (shape instanceof Shape.Obj obj) {
      for (Map.Entry<String, Shape> f : obj.fields().entrySet()) {
        collect(f.getValue(), prefix + "_" + Schema.upperSnake(f.getKey()), out);
      }
    } else if (shape instanceof Shape.ListOf list) {
      collect(list.element(), prefix + "_N", out);
    } else {
      out.add(prefix);
    }
  }
}
