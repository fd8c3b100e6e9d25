package io.edgeladder.bench.ladder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets: INT8 size ≤ 0.27×, latency ≤ 0.6×, accuracy drop ≤ 0.5 pt; 50 %-channel-pruned
 * ≥ 1.6× faster with ≤ 1.5 pt drop, using a fine-tuned import where pruning alone loses more.
 */
final class LadderTargets {
  static final String INT8 = "int8-static";
  static final String PRUNED = "channel-prune-0.5";

  private LadderTargets() {}

  static List<TargetCheck> check(List<LadderRow> rows) {
    List<TargetCheck> out = new ArrayList<>();
    Optional<LadderRow> int8 = find(rows, INT8);
    String n = int8.map(r -> "static QDQ int8, " + r.status()).orElse("no int8-static variant measured");
    out.add(TargetCheck.atMost("INT8 size ratio", id(int8), int8.map(LadderRow::sizeRatio).orElse(null), 0.27, n));
    out.add(TargetCheck.atMost("INT8 p50 latency ratio", id(int8), int8.map(LadderRow::p50Ratio).orElse(null), 0.6, n));
    out.add(TargetCheck.atMost("INT8 accuracy drop (pt)", id(int8), int8.map(LadderRow::accuracyDropPt).orElse(null),
        0.5, n));
    Optional<LadderRow> pruned = find(rows, PRUNED);
    String note = pruned.map(r -> "channel pruning alone").orElse("no channel-prune:0.5 variant measured");
    if (pruned.isEmpty() || pruned.get().accuracyDropPt() == null || pruned.get().accuracyDropPt() > 1.5) {
      Optional<LadderRow> tuned = rows.stream().filter(LadderRow::measured).filter(LadderTargets::isFineTunedPrune)
          .findFirst();
      if (tuned.isPresent()) {
        note = "fine-tuned import " + tuned.get().id() + " (pruning alone drops "
            + pruned.map(r -> String.format(java.util.Locale.ROOT, "%.2f pt", r.accuracyDropPt())).orElse("?") + ")";
        pruned = tuned;
      } else {
        note += "; no fine-tuned channel-pruned import available";
      }
    }
    out.add(TargetCheck.atLeast("50% channel-pruned speedup (fp32 p50 / p50)", id(pruned),
        pruned.map(LadderRow::speedup).orElse(null), 1.6, note));
    out.add(TargetCheck.atMost("50% channel-pruned accuracy drop (pt)", id(pruned),
        pruned.map(LadderRow::accuracyDropPt).orElse(null), 1.5, note));
    return out;
  }

  /** An imported (training-time) variant whose technique chain says it was channel-pruned and fine-tuned. */
  private static boolean isFineTunedPrune(LadderRow r) {
    String chain = String.join(" ", r.techniques()).toLowerCase(java.util.Locale.ROOT);
    return chain.contains("prune") && (chain.contains("fine") || chain.contains("tune"));
  }

  private static Optional<LadderRow> find(List<LadderRow> rows, String id) {
    return rows.stream().filter(r -> r.id().equals(id) && r.measured()).findFirst();
  }

  private static String id(Optional<LadderRow> r) {
    return r.map(LadderRow::id).orElse(null);
  }
}
