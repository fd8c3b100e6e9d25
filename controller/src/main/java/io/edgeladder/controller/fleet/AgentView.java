package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.fleet.PipelineKpis;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One agent as operators see it (REST, CLI): registry facts, live pipeline figures and drift. Immutable.
 *
 * @param online whether its status is online
 * @param lastSeen last birth or heartbeat (controller time)
 * @param duplicate whether another process claimed its id lately
 * @param pipelines one per pipeline announced at birth
 * @param drift distance from the desired state
 */
public record AgentView(
    String agentId,
    boolean online,
    Instant lastSeen,
    Map<String, String> labels,
    boolean duplicate,
    List<Pipeline> pipelines,
    Drift drift) {

  public AgentView {
    labels = Map.copyOf(labels);
    pipelines = List.copyOf(pipelines);
  }

  /**
   * @param activeVariant from the latest heartbeat, else from the birth
   * @param releaseSha the release its ladder came from (birth), {@code null} for a local ladder
   * @param kpis the latest heartbeat's figures, {@code null} before the first heartbeat
   */
  public record Pipeline(String name, String model, String activeVariant, String releaseSha, PipelineKpis kpis) {}
}
