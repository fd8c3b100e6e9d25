package io.edgeladder.bench.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTargetsTest {

  private static LadderRow row(String id, List<String> techniques, double drop, double sizeRatio, double p50Ratio) {
    return new LadderRow(id, "accepted", "int8", techniques, 1 - drop / 100, drop, 0.05 * p50Ratio, 0.1, p50Ratio,
        1.0, 1 / p50Ratio, 1000, sizeRatio, 900, sizeRatio, 10L, 1.0, null);
  }

  @Test
  void check_int8WithinTargets_allInt8Met() {
    List<TargetCheck> t = LadderTargets.check(List.of(row("int8-static", List.of("int8-static"), 0.4, 0.26, 0.5)));

    assertThat(t.subList(0, 3)).allMatch(TargetCheck::met);
    assertThat(t.get(0).value()).isEqualTo(0.26);
  }

  @Test
  void check_int8TooLarge_sizeMissed() {
    List<TargetCheck> t = LadderTargets.check(List.of(row("int8-static", List.of("int8-static"), 0, 0.374, 0.45)));

    assertThat(t.get(0).met()).isFalse();
    assertThat(t.get(1).met()).isTrue();
  }

  @Test
  void check_pruningAloneLosesTooMuch_usesFineTunedImport() {
    List<TargetCheck> t = LadderTargets.check(List.of(
        row("channel-prune-0.5", List.of("channel-prune(l1,uniform,0.50)"), 59.6, 0.3, 0.51),
        row("pruned50-ft", List.of("channel-prune:0.5", "fine-tune"), 0.2, 0.29, 0.6)));

    assertThat(t.get(3).variant()).isEqualTo("pruned50-ft");
    assertThat(t.get(3).value()).isCloseTo(1 / 0.6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(t.get(3).met()).isTrue();
    assertThat(t.get(4).met()).isTrue();
    assertThat(t.get(3).note()).contains("pruning alone drops 59.60 pt");
  }

  @Test
  void check_nothingMeasured_everyTargetMissedWithReason() {
    List<TargetCheck> t = LadderTargets.check(List.of());

    assertThat(t).hasSize(5).noneMatch(TargetCheck::met);
    assertThat(t.get(0).note()).isEqualTo("no int8-static variant measured");
    assertThat(t.get(3).note()).contains("no fine-tuned channel-pruned import available");
  }
}
