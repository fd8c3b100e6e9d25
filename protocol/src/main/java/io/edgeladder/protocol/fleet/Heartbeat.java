package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import java.time.Instant;
import java.util.List;

/**
 * Sent on {@code fleet/{agent}/heartbeat} every {@code fleet.heartbeatMs} (QoS 0, not retained): liveness
 * plus the KPIs rollout gates read. Immutable.
 *
 * @param agentId agent id
 * @param incarnation the incarnation of the {@link AgentBirth} it follows
 * @param seq per incarnation, from 0; a gap means lost heartbeats
 * @param at when it was sent
 * @param uptimeMs milliseconds since the process started
 * @param desiredVersion the last applied {@link DesiredState#version()}, 0 if none
 * @param pipelines one entry per pipeline, names unique
 */
public record Heartbeat(
    String agentId,
    String incarnation,
    long seq,
    Instant at,
    long uptimeMs,
    long desiredVersion,
    List<PipelineKpi> pipelines) {
  private static final String R = "Heartbeat";

  public Heartbeat {
    Fields.id(R, "agentId", agentId);
    Fields.text(R, "incarnation", incarnation);
    Fields.atLeast(R, "seq", 0, seq);
    Fields.present(R, "at", at);
    Fields.atLeast(R, "uptimeMs", 0, uptimeMs);
    Fields.atLeast(R, "desiredVersion", 0, desiredVersion);
    pipelines = Fields.list(R, "pipelines", pipelines);
    Fields.unique(R, "pipelines", pipelines, PipelineKpi::name);
  }

  public byte[] toJson() {
    return ProtocolJson.write(this);
  }

  /** @throws ProtocolException naming the bad field */
  public static Heartbeat parse(byte[] payload) throws ProtocolException {
    return ProtocolJson.read(payload, Heartbeat.class);
  }
}
