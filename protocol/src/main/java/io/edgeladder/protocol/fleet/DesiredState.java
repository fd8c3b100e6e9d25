package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import java.time.Instant;
import java.util.List;

/**
 * Retained on {@code fleet/{agent}/desired} by the controller; an agent applies it on (re)connect and on
 * every change, then answers with a {@link ReportedState}. Immutable.
 *
 * @param agentId the agent it is for
 * @param version strictly increasing per agent, from 1; an agent ignores a version at or below the one it
 *     applied
 * @param issuedAt when the controller issued it
 * @param pipelines per-pipeline wishes, names unique; pipelines not listed keep what they run
 */
public record DesiredState(String agentId, long version, Instant issuedAt, List<PipelineDesired> pipelines) {
  private static final String R = "DesiredState";

  public DesiredState {
    Fields.id(R, "agentId", agentId);
    Fields.atLeast(R, "version", 1, version);
    Fields.present(R, "issuedAt", issuedAt);
    pipelines = Fields.list(R, "pipelines", pipelines);
    Fields.unique(R, "pipelines", pipelines, PipelineDesired::name);
  }

  public byte[] toJson() {
    return ProtocolJson.write(this);
  }

  /** @throws ProtocolException naming the bad field */
  public static DesiredState parse(byte[] payload) throws ProtocolException {
    return ProtocolJson.read(payload, DesiredState.class);
  }
}
