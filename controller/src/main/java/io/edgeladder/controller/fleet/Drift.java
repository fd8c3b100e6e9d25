package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far an agent is from its desired state: the stored versions and state, and one line per difference
 * between the desired pipelines and the reported ones. Immutable.
 *
 * @param desiredVersion the version last issued, 0 if none
 * @param reportedVersion the version the last report answers, 0 if none
 * @param reportedState APPLIED / PARTIAL / REJECTED / DOWNLOADING, or {@code null} without a report
 * @param differences e.g. {@code pipeline pump-1: runs release ab12..., desired cd34...}; empty in sync
 */
public record Drift(long desiredVersion, long reportedVersion, String reportedState, List<String> differences) {
  public Drift {
    differences = List.copyOf(differences);
  }

  /** Whether the agent does not (yet) run what it was told. */
  public boolean inDrift() {
    return !differences.isEmpty();
  }

  /** Compares an agent's stored desired and reported payloads. */
  public static Drift of(AgentState state) {
    long desiredVersion = state.desired().map(d -> d.version()).orElse(0L);
    long reportedVersion = state.reported().map(r -> r.desiredVersion()).orElse(0L);
    String reportedState = state.reported().map(r -> r.state().name()).orElse(null);
    List<String> diff = new ArrayList<>();
    if (state.desired().isEmpty()) return new Drift(0, reportedVersion, reportedState, diff);
    if (state.reported().isEmpty()) {
      diff.add("no report yet for desired version " + desiredVersion);
      return new Drift(desiredVersion, 0, null, diff);
    }
    if (reportedVersion != desiredVersion) {
      diff.add("reported version " + reportedVersion + ", desired " + desiredVersion);
    }
    if (!"APPLIED".equals(reportedState)) diff.add("state " + reportedState);
    Optional<DesiredState> desired = parse(state.desired().get().json(), true, diff);
    Optional<ReportedState> reported = parse(state.reported().get().json(), false, diff);
    if (desired.isPresent() && reported.isPresent()) pipelines(desired.get(), reported.get(), diff);
    return new Drift(desiredVersion, reportedVersion, reportedState, diff);
  }

  private static void pipelines(DesiredState desired, ReportedState reported, List<String> diff) {
    for (PipelineDesired want : desired.pipelines()) {
      String at = "pipeline " + want.name() + ": ";
      PipelineReported got = reported.pipelines().stream().filter(p -> p.name().equals(want.name()))
          .findFirst().orElse(null);
      if (got == null) {
        diff.add(at + "not reported");
        continue;
      }
      if (got.error() != null) diff.add(at + "error " + got.error());
      if (want.releaseSha() != null && !want.releaseSha().equals(got.releaseSha())) {
        diff.add(at + "runs release " + got.releaseSha() + ", desired " + want.releaseSha());
      }
      Bounds b = want.bounds();
      String active = got.activeVariant();
      if (b.pinned() != null && !b.pinned().equals(active)) {
        diff.add(at + "serves " + active + ", pinned " + b.pinned());
      } else if (!b.allowed().isEmpty() && !b.allowed().contains(active)) {
        diff.add(at + "serves " + active + ", allowed " + b.allowed());
      }
    }
  }

  private static <T> Optional<T> parse(String json, boolean isDesired, List<String> diff) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      @SuppressWarnings("unchecked")
      T value = (T) (isDesired ? DesiredState.parse(bytes) : ReportedState.parse(bytes));
      return Optional.of(value);
    } catch (ProtocolException e) {
      diff.add("stored " + (isDesired ? "desired" : "reported") + " state unreadable: " + e.getMessage());
      return Optional.empty();
    }
  }
}
