package io.edgeladder.controller.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectorAssignmentsTest {
  private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
  private static final List<PipelineDesired> PIN = List.of(new PipelineDesired("p", "m", "a".repeat(64),
      new Bounds(List.of("fp32", "qat"), "qat", 0.5)));
  private static final List<PipelineDesired> FREE = List.of(new PipelineDesired("p", "m", null, Bounds.NONE));

  @TempDir
  Path tmp;

  @Test
  void putMarkReopen_survivesRestart() throws IOException {
    Path file = tmp.resolve("sel.json");
    SelectorAssignments s = SelectorAssignments.open(file);
    SelectorAssignment a = s.put(LabelSelector.parse("site=north"), PIN, T, Set.of("gw-1"));
    s.markApplied(a.id(), "gw-2");

    SelectorAssignments reopened = SelectorAssignments.open(file);
    assertThat(reopened.all()).singleElement().satisfies(x -> {
      assertThat(x.selector()).isEqualTo("site=north");
      assertThat(x.pipelines()).isEqualTo(PIN);
      assertThat(x.appliedTo()).containsExactlyInAnyOrder("gw-1", "gw-2");
      assertThat(x.createdAt()).isEqualTo(T);
    });
  }

  @Test
  void newestMatching_newestWins_sameSelectorReplaced() throws IOException {
    SelectorAssignments s = SelectorAssignments.open(tmp.resolve("sel.json"));
    s.put(LabelSelector.parse("site=north"), PIN, T, Set.of());
    SelectorAssignment tier = s.put(LabelSelector.parse("tier in (canary)"), FREE, T, Set.of());
    assertThat(s.newestMatching(Map.of("site", "north", "tier", "canary"))).contains(tier);
    assertThat(s.newestMatching(Map.of("site", "north")).orElseThrow().pipelines()).isEqualTo(PIN);
    assertThat(s.newestMatching(Map.of("site", "south"))).isEmpty();

    SelectorAssignment replaced = s.put(LabelSelector.parse("site=north"), FREE, T, Set.of("gw-9"));
    assertThat(s.all()).hasSize(2);
    assertThat(s.newestMatching(Map.of("site", "north", "tier", "canary"))).contains(replaced);
  }

  @Test
  void open_corruptFile_namesIt() throws IOException {
    Path file = tmp.resolve("sel.json");
    Files.writeString(file, "{\"assignments\": [ {\"id\": \"x\"");
    assertThatThrownBy(() -> SelectorAssignments.open(file)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(file.toString());
  }
}
