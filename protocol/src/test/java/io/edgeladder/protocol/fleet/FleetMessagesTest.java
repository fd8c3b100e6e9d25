package io.edgeladder.protocol.fleet;

import static io.edgeladder.protocol.fleet.FleetSamples.SHA_A;
import static io.edgeladder.protocol.fleet.FleetSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetMessagesTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void toJson_parse_roundTripsEveryMessage() throws ProtocolException {
    assertThat(AgentBirth.parse(FleetSamples.birth().toJson())).isEqualTo(FleetSamples.birth());
    assertThat(Heartbeat.parse(FleetSamples.heartbeat().toJson())).isEqualTo(FleetSamples.heartbeat());
    assertThat(DesiredState.parse(FleetSamples.desired().toJson())).isEqualTo(FleetSamples.desired());
    assertThat(ReportedState.parse(FleetSamples.reported().toJson())).isEqualTo(FleetSamples.reported());
  }

  @Test
  void toJson_instantsAndNulls_isoStringsAndExplicitNulls() {
    String json = new String(new DesiredState("gw-1", 1, T0,
        List.of(new PipelineDesired("p", "m", null, null))).toJson(), StandardCharsets.UTF_8);
    assertThat(json).contains("\"issuedAt\":\"2025-03-01T10:15:30.123Z\"", "\"releaseSha\":null",
        "\"bounds\":{\"allowed\":[],\"pinned\":null,\"minAccuracy\":0.0}");
  }

  @Test
  void parse_unknownFields_ignored() throws ProtocolException {
    String json = new String(FleetSamples.heartbeat().toJson(), StandardCharsets.UTF_8)
        .replace("{\"agentId\"", "{\"futureField\":{\"x\":[1,2]},\"agentId\"")
        .replace("\"missRate\"", "\"futureKpi\":9,\"missRate\"");
    assertThat(Heartbeat.parse(utf8(json))).isEqualTo(FleetSamples.heartbeat());
  }

  @Test
  void parse_badNestedField_namesPathAndProblem() {
    String json = new String(FleetSamples.heartbeat().toJson(), StandardCharsets.UTF_8)
        .replace("\"missRate\":0.01", "\"missRate\":1.5");
    assertThatThrownBy(() -> Heartbeat.parse(utf8(json)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("invalid Heartbeat at pipelines[0].missRate: PipelineKpi.missRate must be in [0, 1] but was 1.5")
        .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo("pipelines[0].missRate"));
  }

  @Test
  void parse_wrongType_namesField() {
    String json = new String(FleetSamples.heartbeat().toJson(), StandardCharsets.UTF_8)
        .replace("\"seq\":42", "\"seq\":\"forty-two\"");
    assertThatThrownBy(() -> Heartbeat.parse(utf8(json)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("invalid Heartbeat at seq: ")
        .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo("seq"));
  }

  @Test
  void parse_nullForNumber_rejected() {
    String json = new String(FleetSamples.heartbeat().toJson(), StandardCharsets.UTF_8)
        .replace("\"uptimeMs\":210000", "\"uptimeMs\":null");
    assertThatThrownBy(() -> Heartbeat.parse(utf8(json)))
        .hasMessage("invalid Heartbeat at uptimeMs: is missing or null (a number is required)");
  }

  @Test
  void parse_badInstant_namesField() {
    String json = new String(FleetSamples.reported().toJson(), StandardCharsets.UTF_8)
        .replace("\"at\":\"2025-03-01T10:15:35.123Z\"", "\"at\":\"yesterday\"");
    assertThatThrownBy(() -> ReportedState.parse(utf8(json))).hasMessageStartingWith("invalid ReportedState at at: ");
  }

  @Test
  void parse_notJsonOrEmpty_rejectedWithType() {
    assertThatThrownBy(() -> AgentBirth.parse(utf8("{\"agentId\":"))).isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("invalid AgentBirth: ");
    assertThatThrownBy(() -> AgentBirth.parse(new byte[0])).hasMessage("invalid AgentBirth: empty payload");
    assertThatThrownBy(() -> AgentBirth.parse(utf8("null"))).hasMessage("invalid AgentBirth: payload is JSON null");
  }

  @Test
  void parse_missingRequiredField_namesIt() {
    assertThatThrownBy(() -> DesiredState.parse(utf8("{\"agentId\":\"gw-1\",\"issuedAt\":\"2025-03-01T10:15:30Z\"}")))
        .hasMessage("invalid DesiredState at version: is missing or null (a number is required)");
    String noState = "{\"agentId\":\"gw-1\",\"desiredVersion\":2,\"at\":\"2025-03-01T10:15:30Z\"}";
    assertThatThrownBy(() -> ReportedState.parse(utf8(noState)))
        .hasMessage("invalid ReportedState at state: ReportedState.state is missing");
  }

  @Test
  void new_invalidValues_nameRecordAndField() {
    assertThatThrownBy(() -> new Hardware("cpu", 0, "amd64", "Linux", 1, List.of()))
        .hasMessage("Hardware.cores must be >= 1 but was 0");
    assertThatThrownBy(() -> new PipelineInfo("a/b", "m", "fp32", null))
        .hasMessage("PipelineInfo.name must not contain '/', '+', '#' or NUL but was 'a/b'");
    assertThatThrownBy(() -> new PipelineInfo("p", "m", "fp32", "ABC"))
        .hasMessage("PipelineInfo.releaseSha must be 64 lower-case hex digits but was ABC");
    assertThatThrownBy(() -> new Bounds(List.of("fp32"), "int8", 0))
        .hasMessage("Bounds.pinned int8 is not in allowed [fp32]");
    assertThatThrownBy(() -> new Bounds(List.of("fp32", "fp32"), null, 0))
        .hasMessage("Bounds.allowed[1] repeats fp32");
    assertThatThrownBy(() -> new PipelineKpi("p", "v", SHA_A, 1, 1, 0, 0, 0, 0, Double.NaN))
        .hasMessage("PipelineKpi.p99Ms must be >= 0 and finite but was NaN");
    assertThatThrownBy(() -> new DesiredState("gw-1", 1, T0, List.of(new PipelineDesired("p", "m", null, null),
        new PipelineDesired("p", "m2", null, null)))).hasMessage("DesiredState.pipelines[1] repeats p");
  }

  @Test
  void new_agentBirthBadInstalledOrKeyId_rejected() {
    AgentBirth b = FleetSamples.birth();
    assertThatThrownBy(() -> new AgentBirth(b.agentId(), b.incarnation(), b.startedAt(), b.agentVersion(), b.java(),
        b.ortVersion(), b.hardware(), b.labels(), b.pipelines(), List.of("nope"), b.publicKeyId()))
        .hasMessage("AgentBirth.installed[0] must be 64 lower-case hex digits but was nope");
    assertThatThrownBy(() -> new AgentBirth(b.agentId(), b.incarnation(), b.startedAt(), b.agentVersion(), b.java(),
        b.ortVersion(), b.hardware(), b.labels(), b.pipelines(), b.installed(), "XYZ"))
        .hasMessage("AgentBirth.publicKeyId must be 16 lower-case hex digits but was XYZ");
  }
}
