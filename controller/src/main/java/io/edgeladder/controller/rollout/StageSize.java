package io.edgeladder.controller.rollout;

import java.util.Locale;

/**
 * How many of a rollout's selected agents a stage reaches: a count ({@code 3}) or a percent of the
 * selection ({@code 25%}). Immutable.
 *
 * @param value agents for {@link Kind#COUNT} (a whole number >= 1), percent in (0, 100] for {@link
 *     Kind#PERCENT}
 */
public record StageSize(Kind kind, double value) {
  /** Count or percent. */
  public enum Kind {
    COUNT,
    PERCENT
  }

  public StageSize {
    if (kind == null) {
      throw new IllegalArgumentException("stage size kind is missing");
    }
    if (kind == Kind.COUNT && !(value >= 1 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("stage size count must be a whole number >= 1 but was " + value);
    }
    if (kind == Kind.PERCENT && !(value > 0 && value <= 100)) {
      throw new IllegalArgumentException("stage size percent must be in (0, 100] but was " + value);
    }
  }

  public static StageSize count(int agents) {
    return new StageSize(Kind.COUNT, agents);
  }

  public static StageSize percent(double percent) {
    return new StageSize(Kind.PERCENT, percent);
  }

  /**
   * Parses {@code "3"} or {@code "25%"} (spaces around are ignored).
   *
   * @throws IllegalArgumentException naming the text
   */
  public static StageSize parse(String text) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.endsWith("%")) {
        return percent(Double.parseDouble(t.substring(0, t.length() - 1).strip()));
      }
      return count(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "stage size must be a count like 3 or a percent like 25% but was '" + text + "'");
    }
  }

  /**
   * The number of agents out of {@code selected}: a count is capped at {@code selected}, a percent
   * is rounded up (so a non-empty selection never gets an empty 1% stage).
   */
  public int resolve(int selected) {
    if (kind == Kind.COUNT) {
      return (int) Math.min(selected, value);
    }
    return (int) Math.min(selected, Math.ceil(value * selected / 100.0 - 1e-9));
  }

  /** {@code 3} or {@code 25%}, what {@link #parse} reads. */
  @Override
  public String toString() {
    if (kind == Kind.COUNT) {
      return Integer.toString((int) value);
    }
    return value == Math.rint(value)
        ? (long) value + "%"
        : String.format(Locale.ROOT, "%s%%", value);
  }
}
