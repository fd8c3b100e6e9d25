package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.InvalidFieldException;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Retained on {@code fleet/{agent}/birth} once per connection, after {@code online}: who the agent is, what it
 * runs on and what it holds. Immutable.
 *
 * @param agentId agent id (a topic level; equals the topic's agent level)
 * @param incarnation random id per process start; two live incarnations of one agent id are a duplicate
 * @param startedAt when the process started
 * @param agentVersion EdgeLadder version of the agent
 * @param java Java runtime version, e.g. {@code 17.0.12}
 * @param ortVersion ONNX Runtime version, e.g. {@code 1.29.0}
 * @param hardware what it runs on
 * @param labels operator labels for selectors, e.g. {@code site=plant-3}
 * @param pipelines configured pipelines, names unique
 * @param installed sha256 of every artifact in the agent's cache
 * @param publicKeyId id of the controller key the agent trusts ({@code KeyFiles.keyId}), or {@code null}
 */
public record AgentBirth(
    String agentId,
    String incarnation,
    Instant startedAt,
    String agentVersion,
    String java,
    String ortVersion,
    Hardware hardware,
    Map<String, String> labels,
    List<PipelineInfo> pipelines,
    List<String> installed,
    String publicKeyId) {
  private static final String R = "AgentBirth";
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  public AgentBirth {
    Fields.id(R, "agentId", agentId);
    Fields.text(R, "incarnation", incarnation);
    Fields.present(R, "startedAt", startedAt);
    Fields.text(R, "agentVersion", agentVersion);
    Fields.text(R, "java", java);
    Fields.text(R, "ortVersion", ortVersion);
    Fields.present(R, "hardware", hardware);
    labels = Fields.labels(R, "labels", labels);
    pipelines = Fields.list(R, "pipelines", pipelines);
    Fields.unique(R, "pipelines", pipelines, PipelineInfo::name);
    installed = Fields.list(R, "installed", installed);
    for (int i = 0; i < installed.size(); i++) Fields.sha256(R, "installed[" + i + "]", installed.get(i));
    if (publicKeyId != null && !KEY_ID.matcher(publicKeyId).matches()) {
      throw new InvalidFieldException(R, "publicKeyId", "must be 16 lower-case hex digits but was " + publicKeyId);
    }
  }

  public byte[] toJson() {
    return ProtocolJson.write(this);
  }

  /** @throws ProtocolException naming the bad field */
  public static AgentBirth parse(byte[] payload) throws ProtocolException {
    return ProtocolJson.read(payload, AgentBirth.class);
  }
}
