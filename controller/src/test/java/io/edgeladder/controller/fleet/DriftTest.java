package io.edgeladder.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.ReportedRecord;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
  private static final String R1 = "1".repeat(64);
  private static final String R2 = "2".repeat(64);

  private static DesiredRecord desired(long version, Bounds bounds) {
    DesiredState d = new DesiredState("gw", version, T, List.of(new PipelineDesired("p", "m", R1, bounds)));
    return new DesiredRecord("gw", version, new String(d.toJson(), StandardCharsets.UTF_8), T);
  }

  private static ReportedRecord reported(long version, ReportedState.State state, PipelineReported... p) {
    ReportedState r = new ReportedState("gw", version, T, state, List.of(p));
    return new ReportedRecord("gw", version, ApplyState.valueOf(state.name()),
        new String(r.toJson(), StandardCharsets.UTF_8), T);
  }

  private static Drift drift(DesiredRecord d, ReportedRecord r) {
    return Drift.of(new AgentState("gw", Optional.ofNullable(d), Optional.ofNullable(r)));
  }

  @Test
  void noDesiredState_noDrift() {
    assertThat(drift(null, null).inDrift()).isFalse();
  }

  @Test
  void appliedAsDesired_inSync() {
    Drift d = drift(desired(3, new Bounds(List.of("a", "b"), "b", 0)),
        reported(3, ReportedState.State.APPLIED, new PipelineReported("p", R1, "b", List.of("a", "b"), null)));
    assertThat(d.differences()).isEmpty();
    assertThat(d.desiredVersion()).isEqualTo(3);
    assertThat(d.reportedState()).isEqualTo("APPLIED");
  }

  @Test
  void everyDifference_listed() {
    Drift d = drift(desired(4, new Bounds(List.of("a", "b"), null, 0)),
        reported(3, ReportedState.State.PARTIAL, new PipelineReported("p", R2, "c", List.of(), "cache full")));
    assertThat(d.differences()).containsExactly(
        "reported version 3, desired 4",
        "state PARTIAL",
        "pipeline p: error cache full",
        "pipeline p: runs release " + R2 + ", desired " + R1,
        "pipeline p: serves c, allowed [a, b]");
  }

  @Test
  void missingReportOrPipeline_drift() {
    assertThat(drift(desired(1, Bounds.NONE), null).differences())
        .containsExactly("no report yet for desired version 1");
    assertThat(drift(desired(1, Bounds.NONE), reported(1, ReportedState.State.APPLIED)).differences())
        .containsExactly("pipeline p: not reported");
  }
}
