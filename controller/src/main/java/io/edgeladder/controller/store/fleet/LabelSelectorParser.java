package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.fleet.LabelSelector.Op;
import io.edgeladder.controller.store.fleet.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the selector text: requirements separated by commas outside parentheses. */
final class LabelSelectorParser {
  private static final Pattern SET =
      Pattern.compile("\\s*(\\S+)\\s+(in|notin)\\s*\\(([^()]*)\\)\\s*");
  private static final Pattern EQUALITY = Pattern.compile("\\s*([^=!\\s]+)\\s*(==|=|!=)\\s*(\\S*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^=!\\s(),]+)\\s*");

  private LabelSelectorParser() {}

  static LabelSelector parse(String text) {
    List<Requirement> requirements = new ArrayList<>();
    if (text.isBlank()) {
      return new LabelSelector(requirements);
    }
    for (String part : split(text)) {
      try {
        requirements.add(requirement(part));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "label selector '" + text + "': requirement '" + part.strip() + "': " + e.getMessage(), e);
      }
    }
    return new LabelSelector(requirements);
  }

  private static Requirement requirement(String part) {
    Matcher m = SET.matcher(part);
    if (m.matches()) {
      List<String> values = new ArrayList<>();
      for (String v : m.group(3).split(",", -1)) {
        values.add(v.strip());
      }
      return new Requirement(m.group(1), m.group(2).equals("in") ? Op.IN : Op.NOT_IN, Set.copyOf(values));
    }
    m = EQUALITY.matcher(part);
    if (m.matches()) {
      return new Requirement(m.group(1), m.group(2).equals("!=") ? Op.NOT_IN : Op.IN, Set.of(m.group(3)));
    }
    m = EXISTS.matcher(part);
    if (m.matches()) {
      return new Requirement(m.group(2), m.group(1).isEmpty() ? Op.EXISTS : Op.NOT_EXISTS, Set.of());
    }
    throw new IllegalArgumentException(
        "expected k=v, k!=v, k in (a,b), k notin (a,b), k or !k");
  }

  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
      if (depth < 0 || depth > 1) {
        throw new IllegalArgumentException(
            "label selector '" + text + "': unbalanced parentheses at position " + i);
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("label selector '" + text + "': unclosed parenthesis");
    }
    parts.add(text.substring(start));
    return parts;
  }
}
