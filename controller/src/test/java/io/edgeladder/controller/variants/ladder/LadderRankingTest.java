package io.edgeladder.controller.variants.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.Agreement;
import io.edgeladder.protocol.ladder.Golden;
import io.edgeladder.protocol.ladder.GoldenInput;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Latency;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.ReferenceHost;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.protocol.ladder.VariantStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranking rules on synthetic measurements (no models, no clocks). */
class LadderRankingTest {
  static final LadderPolicy POLICY = LadderPolicy.ofDefaults();
  static final VariantEntry BASE = entry("fp32", 1.0, 0.050);

  static VariantEntry entry(String id, double accuracy, double p50) {
    return new VariantEntry(id, id + ".onnx", "0".repeat(64), 1000, 900, Precision.INT8, List.of(id), accuracy,
        Map.of(), new Agreement(1, 0, 0, 0, 0), new Latency(p50, p50 * 1.5, 1, 10, 100), null, 100L, 100L,
        VariantStatus.ACCEPTED, null, new Golden("validation-0", new float[] {1f}));
  }

  static VariantEntry loadFailure(String id) {
    return new VariantEntry(id, id + ".onnx", "0".repeat(64), 10, 30, Precision.INT8, List.of(id), null, null, null,
        null, null, null, null, VariantStatus.REJECTED, "load failure: truncated", null);
  }

  static List<String> ids(List<VariantEntry> entries) {
    return entries.stream().map(VariantEntry::id).toList();
  }

  static VariantEntry byId(List<VariantEntry> entries, String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void rank_fasterLessAccurateVariants_areRungsByAccuracyDescending() {
    List<VariantEntry> out = LadderRanking.rank(BASE, List.of(entry("pruned", 0.99, 0.020), entry("int8", 0.996, 0.030),
        entry("pruned-int8", 0.986, 0.012)), POLICY);

    assertThat(ids(out)).containsExactly("fp32", "int8", "pruned", "pruned-int8");
    assertThat(out).allMatch(VariantEntry::accepted);
  }

  @Test
  void rank_accuracyDropOverBudget_rejectedWithNumbers_budgetItselfAccepted() {
    List<VariantEntry> out = LadderRanking.rank(BASE,
        List.of(entry("at-budget", 0.985, 0.02), entry("over", 0.98, 0.01)), POLICY);

    assertThat(byId(out, "at-budget").accepted()).isTrue();
    assertThat(byId(out, "over").rejectReason())
        .isEqualTo("accuracy drop 2.00 pt > budget 1.50 pt (0.9800 vs fp32 1.0000)");
  }

  @Test
  void rank_slowerThanFp32_rejectedWithRatio_evenWhenAccurate() {
    List<VariantEntry> out = LadderRanking.rank(BASE, List.of(entry("fp16", 1.0, 0.061), entry("both", 0.9, 0.1)), POLICY);

    assertThat(byId(out, "fp16").rejectReason())
        .isEqualTo("slower than fp32 on this host (p50 0.0610 ms vs 0.0500 ms, ratio 1.220 > 1.000)");
    assertThat(byId(out, "both").rejectReason()).startsWith("accuracy drop 10.00 pt").contains("; slower than fp32");
    assertThat(ids(out)).containsExactly("fp32", "fp16", "both");
  }

  @Test
  void rank_lessAccurateAndSlower_dominatedNamingTheBetterOne() {
    List<VariantEntry> out = LadderRanking.rank(BASE,
        List.of(entry("good", 0.995, 0.020), entry("worse", 0.99, 0.030)), POLICY);

    assertThat(ids(out)).containsExactly("fp32", "good", "worse");
    assertThat(byId(out, "worse").rejectReason())
        .isEqualTo("dominated by good (accuracy 0.9950 >= 0.9900, p50 0.0200 ms <= 0.0300 ms)");
  }

  @Test
  void rank_equallyAccurateAndSlower_dominated_exactTieKeepsBoth() {
    List<VariantEntry> out = LadderRanking.rank(BASE, List.of(entry("a", 0.99, 0.02), entry("b", 0.99, 0.03),
        entry("twin-1", 0.986, 0.01), entry("twin-2", 0.986, 0.01)), POLICY);

    assertThat(byId(out, "b").rejectReason()).startsWith("dominated by a");
    assertThat(ids(out.subList(0, 4))).containsExactly("fp32", "a", "twin-1", "twin-2");
    assertThat(byId(out, "twin-2").accepted()).isTrue();
  }

  @Test
  void rank_variantDominatesBase_baseKeptOnTopOnlyWithKeepReference() {
    List<VariantEntry> candidates = List.of(entry("int8", 1.0, 0.03));

    List<VariantEntry> kept = LadderRanking.rank(BASE, candidates, POLICY);
    List<VariantEntry> uniform = LadderRanking.rank(BASE, candidates, new LadderPolicy(1.5, 1.0, false));

    assertThat(ids(kept)).containsExactly("fp32", "int8");
    assertThat(kept).allMatch(VariantEntry::accepted);
    assertThat(ids(uniform)).containsExactly("int8", "fp32");
    assertThat(uniform.get(1).rejectReason()).startsWith("dominated by int8 (accuracy 1.0000 >= 1.0000");
  }

  @Test
  void rank_dominatedChain_namesANonDominatedVariant() {
    // c is dominated by b and by a; b is dominated by a: the reason names a, which is a rung
    List<VariantEntry> out = LadderRanking.rank(BASE,
        List.of(entry("c", 0.986, 0.04), entry("b", 0.99, 0.03), entry("a", 0.995, 0.02)), POLICY);

    assertThat(ids(out)).containsExactly("fp32", "a", "b", "c");
    assertThat(byId(out, "b").rejectReason()).startsWith("dominated by a");
    assertThat(byId(out, "c").rejectReason()).startsWith("dominated by a");
  }

  @Test
  void rank_loadFailures_keptLastNeverDropped_resultIsAValidManifest() {
    List<VariantEntry> candidates = List.of(loadFailure("broken"), entry("slow", 1.0, 0.2), entry("int8", 0.996, 0.03),
        entry("bad", 0.5, 0.01));
    List<VariantEntry> out = LadderRanking.rank(BASE, candidates, POLICY);

    assertThat(out).hasSize(candidates.size() + 1);
    assertThat(ids(out)).containsExactly("fp32", "int8", "slow", "bad", "broken");
    assertThat(byId(out, "broken").rejectReason()).isEqualTo("load failure: truncated");
    ModelCard.Input in = new ModelCard.Input("input", new long[] {1, 1, 1}, "NCW", List.of("x"), 1, 1, 1, null);
    assertThatCode(() -> new LadderManifest(1, "m", "0".repeat(64), "2025-01-01T00:00:00Z",
        new ReferenceHost("cpu", 1, "os", "arch", "17", "1.29.0", 1), List.of("a"), in,
        new ModelCard.Output("logits", new long[] {1, 1}, "logits"),
        GoldenInput.of("validation-0", 0, new long[] {1}, new float[] {0f}), out)).doesNotThrowAnyException();
  }
}
