package io.edgeladder.simulator;

import java.util.Locale;

/**
 * Machine condition the simulator injects. The declaration order is the class index order of the
 * base models ({@code models/vibration-cnn}): do not reorder.
 */
public enum Condition {
  HEALTHY("healthy"),
  IMBALANCE("imbalance"),
  MISALIGNMENT("misalignment"),
  BEARING_FAULT("bearing_fault"),
  LOOSENESS("looseness");

  private static final Condition[] VALUES = values();

  private final String label;

  Condition(String label) {
    this.label = label;
  }

  /** The label used in model cards, data sets and inference results, e.g. {@code bearing_fault}. */
  public String label() {
    return label;
  }

  /** Class index of this condition in the models' output. */
  public int index() {
    return ordinal();
  }

  /** The condition with class index {@code index}. */
  public static Condition ofIndex(int index) {
    if (index < 0 || index >= VALUES.length) {
      throw new IllegalArgumentException(
          "condition index must be in [0, " + VALUES.length + ") but was " + index);
    }
    return VALUES[index];
  }

  /** Parses a label ({@code bearing_fault}) or enum name ({@code BEARING_FAULT}), case-insensitively. */
  public static Condition ofLabel(String label) {
    if (label != null) {
      String wanted = label.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      for (Condition c : VALUES) {
        if (c.label.equals(wanted)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException(
        "condition must be one of healthy, imbalance, misalignment, bearing_fault, looseness but was '"
            + label + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
