package io.edgeladder.controller.variants.ladder;

import io.edgeladder.protocol.ladder.VariantEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders measured variants into a ladder and rejects, with a reason, those that do not earn a rung.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>An entry already rejected (it could not be loaded or measured) stays rejected.
 *   <li>Accuracy drop against fp32 greater than the budget: rejected
 *       ({@code accuracy drop 2.00 pt > budget 1.50 pt ...}).
 *   <li>p50 latency greater than {@code maxLatencyRatio} × fp32's: rejected
 *       ({@code slower than fp32 on this host ...}). Both reasons are given when both apply.
 *   <li>Among the variants that pass (and the base), a variant is <em>dominated</em> by another that is at
 *       least as accurate and at least as fast, and strictly better in one of the two — so both "less
 *       accurate and slower" and "equally accurate and slower" are dominated. Dominated variants are
 *       rejected ({@code dominated by X ...}, naming a non-dominated X). With
 *       {@link LadderPolicy#keepReference()} the base is never rejected.
 * </ol>
 * The result lists accepted rungs first — accuracy descending, then p50 descending (the slower of two
 * equally accurate rungs is the higher one; only the kept base or exact ties can be equally accurate),
 * then the base, then id — followed by rejected entries (accuracy descending, then p50 ascending, then
 * unmeasured ones, then id). Latencies are compared exactly: a variant measured 1 % slower than fp32 is
 * slower, so run the evaluator with enough timed runs for stable medians.
 */
public final class LadderRanking {
  private LadderRanking() {}

  /**
   * @param base the fp32 base, accepted and measured
   * @param candidates the other variants: accepted (measured) or already rejected
   * @return every entry, base included, in ladder order
   */
  public static List<VariantEntry> rank(VariantEntry base, List<VariantEntry> candidates, LadderPolicy policy) {
    if (!base.accepted()) throw new IllegalArgumentException("ladder base " + base.id() + " must be measured and accepted");
    List<VariantEntry> survivors = new ArrayList<>();
    List<VariantEntry> rejected = new ArrayList<>();
    survivors.add(base);
    for (VariantEntry c : candidates) {
      if (!c.accepted()) {
        rejected.add(c);
        continue;
      }
      List<String> reasons = checks(base, c, policy);
      if (reasons.isEmpty()) {
        survivors.add(c);
      } else {
        rejected.add(c.reject(String.join("; ", reasons)));
      }
    }
    Comparator<VariantEntry> ladderOrder = Comparator
        .comparing((VariantEntry e) -> -e.accuracy())
        .thenComparing(e -> -e.latency().p50Ms())
        .thenComparing(e -> e != base)
        .thenComparing(VariantEntry::id);
    survivors.sort(ladderOrder);
    List<VariantEntry> front = new ArrayList<>();
    for (VariantEntry s : survivors) {
      boolean exempt = s == base && policy.keepReference();
      if (exempt || survivors.stream().noneMatch(d -> dominates(d, s))) front.add(s);
    }
    for (VariantEntry s : survivors) {
      if (front.contains(s)) continue;
      VariantEntry by = front.stream().filter(d -> dominates(d, s)).findFirst()
          // a kept base can be the only one dominating: dominance is transitive, so some survivor does
          .orElseGet(() -> survivors.stream().filter(d -> dominates(d, s)).findFirst().orElseThrow());
      rejected.add(s.reject(String.format(Locale.ROOT, "dominated by %s (accuracy %.4f >= %.4f, p50 %.4f ms <= %.4f ms)",
          by.id(), by.accuracy(), s.accuracy(), by.latency().p50Ms(), s.latency().p50Ms())));
    }
    rejected.sort(Comparator
        .comparing((VariantEntry e) -> e.accuracy() == null ? 1.0 : -e.accuracy())
        .thenComparing(e -> e.latency() == null ? Double.MAX_VALUE : e.latency().p50Ms())
        .thenComparing(VariantEntry::id));
    List<VariantEntry> out = new ArrayList<>(front);
    out.addAll(rejected);
    return out;
  }

  private static List<String> checks(VariantEntry base, VariantEntry c, LadderPolicy policy) {
    List<String> reasons = new ArrayList<>();
    double drop = (base.accuracy() - c.accuracy()) * 100;
    // accuracies are k/N fractions: a small epsilon keeps a drop of exactly the budget inside it
    if (drop > policy.accuracyBudgetPoints() + 1e-9) {
      reasons.add(String.format(Locale.ROOT, "accuracy drop %.2f pt > budget %.2f pt (%.4f vs fp32 %.4f)",
          drop, policy.accuracyBudgetPoints(), c.accuracy(), base.accuracy()));
    }
    double baseP50 = base.latency().p50Ms();
    double p50 = c.latency().p50Ms();
    double ratio = baseP50 > 0 ? p50 / baseP50 : (p50 > 0 ? Double.POSITIVE_INFINITY : 1.0);
    if (ratio > policy.maxLatencyRatio()) {
      reasons.add(String.format(Locale.ROOT, "slower than fp32 on this host (p50 %.4f ms vs %.4f ms, ratio %.3f > %.3f)",
          p50, baseP50, ratio, policy.maxLatencyRatio()));
    }
    return reasons;
  }

  /** {@code d} is at least as accurate and as fast as {@code s}, and strictly better in one. */
  static boolean dominates(VariantEntry d, VariantEntry s) {
    if (d == s) return false;
    double da = d.accuracy();
    double sa = s.accuracy();
    double dl = d.latency().p50Ms();
    double sl = s.latency().p50Ms();
    return da >= sa && dl <= sl && (da > sa || dl < sl);
  }
}
