package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import java.time.Instant;
import java.util.List;

/**
 * Retained on {@code fleet/{agent}/reported} after every desired-state change is applied, fails, or starts
 * downloading. The controller compares it with the {@link DesiredState} to show drift. Immutable.
 *
 * @param agentId agent id
 * @param desiredVersion the desired version this answers, 0 when none was received yet
 * @param at when it was reported
 * @param state the outcome as a whole
 * @param pipelines one entry per desired (or, with version 0, configured) pipeline, names unique
 */
public record ReportedState(
    String agentId, long desiredVersion, Instant at, State state, List<PipelineReported> pipelines) {
  private static final String R = "ReportedState";

  /** Outcome of applying a desired state. */
  public enum State {
    /** Every pipeline runs what was desired. */
    APPLIED,
    /** Some pipelines do, the others report an error and keep what they ran. */
    PARTIAL,
    /** Nothing was applied (bad signature, unknown model, ...): every pipeline keeps what it ran. */
    REJECTED,
    /** Artifacts are being fetched; a final state follows. */
    DOWNLOADING
  }

  public ReportedState {
    Fields.id(R, "agentId", agentId);
    Fields.atLeast(R, "desiredVersion", 0, desiredVersion);
    Fields.present(R, "at", at);
    Fields.present(R, "state", state);
    pipelines = Fields.list(R, "pipelines", pipelines);
    Fields.unique(R, "pipelines", pipelines, PipelineReported::name);
  }

  public byte[] toJson() {
    return ProtocolJson.write(this);
  }

  /** @throws ProtocolException naming the bad field */
  public static ReportedState parse(byte[] payload) throws ProtocolException {
    return ProtocolJson.read(payload, ReportedState.class);
  }
}
