package io.edgeladder.bench.ladder;

/**
 * One of the targets checked against a measured variant.
 *
 * @param target what is checked, e.g. {@code INT8 size ratio}
 * @param variant the variant checked ({@code null} when none was available)
 * @param value the measured value ({@code null} when not measured)
 * @param limit the target
 * @param comparison {@code <=} or {@code >=}
 * @param met whether the value meets the limit ({@code false} when not measured)
 * @param note why this variant was chosen, or why it is missing
 */
record TargetCheck(String target, String variant, Double value, double limit, String comparison, boolean met,
    String note) {

  static TargetCheck atMost(String target, String variant, Double value, double limit, String note) {
    return new TargetCheck(target, variant, value, limit, "<=", value != null && value <= limit + 1e-9, note);
  }

  static TargetCheck atLeast(String target, String variant, Double value, double limit, String note) {
    return new TargetCheck(target, variant, value, limit, ">=", value != null && value >= limit - 1e-9, note);
  }
}
