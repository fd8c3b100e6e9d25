package io.edgeladder.bench;

/**
 * One of the targets and whether this run met it.
 *
 * @param name what is measured
 * @param value this run's figure
 * @param limit the target's bound
 * @param atMost true when the value must be at most the limit, false when at least
 * @param unit unit of value and limit
 * @param noisy other work competed for the cores during the run: the verdict says so
 */
public record Target(String name, double value, double limit, boolean atMost, String unit, boolean noisy) {
  public Target {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("target.name must be set");
    }
  }

  /** NaN (not measured) never meets a target. */
  public boolean met() {
    return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
  }

  public String verdict() {
    String verdict = Double.isNaN(value) ? "NOT MEASURED" : met() ? "met" : "MISSED";
    return noisy ? verdict + " (noisy run)" : verdict;
  }
}
