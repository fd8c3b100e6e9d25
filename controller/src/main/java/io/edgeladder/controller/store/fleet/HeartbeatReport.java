package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one heartbeat reports. The time it counts for is the controller's receive time, not the
 * agent's clock, so KPI windows line up across agents with skewed clocks.
 *
 * @param seq per incarnation, from 0
 * @param desiredVersion the desired-state version the agent last applied, 0 if none
 */
public record HeartbeatReport(
    String agentId,
    String incarnation,
    long seq,
    long uptimeMs,
    long desiredVersion,
    List<PipelineKpis> pipelines) {
  public HeartbeatReport {
    Require.id("agentId", agentId, 128);
    Require.id("incarnation", incarnation, 64);
    Require.nonNegative("seq", seq);
    Require.nonNegative("uptimeMs", uptimeMs);
    Require.nonNegative("desiredVersion", desiredVersion);
    pipelines = List.copyOf(Require.present("pipelines", pipelines));
    Set<String> names = new HashSet<>();
    for (PipelineKpis p : pipelines) {
      if (!names.add(p.pipeline())) {
        throw new IllegalArgumentException("pipelines names " + p.pipeline() + " twice");
      }
    }
  }
}
