package io.edgeladder.agent.config;

import static io.edgeladder.agent.config.ConfigFixture.VALID;
import static io.edgeladder.agent.config.ConfigFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvOverridesTest {
  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  @Test
  void parse_envOverrides_replaceYamlValues() throws Exception {
    Map<String, String> env = Map.of(
        "EDGELADDER_BROKER_URL", "ssl://fleet.example:8883",
        "EDGELADDER_AGENT_ID", "gw-99",
        "EDGELADDER_INFERENCE_INTRA_OP_THREADS", "2",
        "EDGELADDER_INFERENCE_SPINNING", "true",
        "EDGELADDER_PIPELINES_0_DEADLINE_MS", "20",
        "EDGELADDER_PIPELINES_0_CHANNELS", "[a, b, c]",
        "EDGELADDER_PIPELINES_0_UNIT", "",
        "PATH", "/usr/bin");

    AgentConfig c = ConfigLoader.parse(VALID, dir, env);

    assertThat(c.broker().url()).isEqualTo("ssl://fleet.example:8883");
    assertThat(c.agentId()).isEqualTo("gw-99");
    assertThat(c.broker().clientId()).isEqualTo("gw-99");
    assertThat(c.inference().runner().intraOpThreads()).isEqualTo(2);
    assertThat(c.inference().runner().spinning()).isTrue();
    assertThat(c.pipelines().get(0).deadlineMillis()).isEqualTo(20);
    assertThat(c.pipelines().get(0).channels()).containsExactly("a", "b", "c");
    assertThat(c.pipelines().get(0).unit()).isNull();
  }

  @Test
  void parse_envListElement_overridesOneEntry() throws Exception {
    AgentConfig c = ConfigLoader.parse(VALID, dir, Map.of("EDGELADDER_PIPELINES_0_CHANNELS_2", "w"));

    assertThat(c.pipelines().get(0).channels()).containsExactly("x", "y", "w");
  }

  @Test
  void parse_envStringKey_takesTextVerbatim() throws Exception {
    Map<String, String> env = Map.of("EDGELADDER_BROKER_PASSWORD", "0x1F", "EDGELADDER_BROKER_USERNAME", "a: b");

    AgentConfig c = ConfigLoader.parse(VALID, dir, env);

    assertThat(c.broker().password()).isEqualTo("0x1F");
    assertThat(c.broker().username()).isEqualTo("a: b");
  }

  @Test
  void parse_envForAbsentSection_createsIt() throws Exception {
    String yaml = VALID.replaceFirst("(?s)http:.*?inference:", "inference:");

    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of("EDGELADDER_HTTP_PORT", "0"));

    assertThat(c.http()).isEqualTo(new AgentConfig.Http("127.0.0.1", 0));
  }

  @Test
  void parse_reservedAndForeignVariables_ignored() throws Exception {
    Map<String, String> env = Map.of("EDGELADDER_CONFIG", "/etc/edgeladder/agent.yaml", "HOME", "/root");

    assertThat(ConfigLoader.parse(VALID, dir, env).agentId()).isEqualTo("gw-07");
  }

  @Test
  void parse_badOverrides_reportedWithVariableName() {
    Map<String, String> env = Map.of(
        "EDGELADDER_BROKER_URLX", "tcp://h:1",
        "EDGELADDER_PIPELINES_3_HOP", "10",
        "EDGELADDER_PIPELINES_0_DEADLINE_MSS", "10",
        "EDGELADDER_INFERENCE_WORKERS", "abc",
        "EDGELADDER_HTTP_PORT", "[1",
        "EDGELADDER_NOTHING_LIKE_IT", "1");

    List<String> problems = problems(VALID, dir, env);

    assertThat(problems).containsExactlyInAnyOrder(
        "EDGELADDER_BROKER_URLX matches no configuration key (did you mean EDGELADDER_BROKER_URL?)",
        "EDGELADDER_PIPELINES_3_HOP cannot be applied: pipelines[3] does not exist (pipelines has 1 entries)",
        "EDGELADDER_PIPELINES_0_DEADLINE_MSS matches no configuration key"
            + " (did you mean EDGELADDER_PIPELINES_0_DEADLINE_MS?)",
        "inference.workers must be an integer but was 'abc' (from EDGELADDER_INFERENCE_WORKERS)",
        "EDGELADDER_NOTHING_LIKE_IT matches no configuration key",
        problems.stream().filter(p -> p.startsWith("EDGELADDER_HTTP_PORT is not a YAML value")).findFirst()
            .orElse("EDGELADDER_HTTP_PORT is not a YAML value: <missing>"));
  }

  @Test
  void parse_envOverrideIntoScalar_reported() {
    String yaml = VALID.replaceFirst("(?s)http:.*?inference:", "http: 8080\ninference:");

    List<String> problems = problems(yaml, dir, Map.of("EDGELADDER_HTTP_PORT", "80"));

    assertThat(problems).containsExactly(
        "EDGELADDER_HTTP_PORT cannot be applied: http is not a mapping",
        "http must be a mapping but was 8080");
  }

  @Test
  void resolve_camelCaseKeys_walkSchema() {
    List<Object> steps = new java.util.ArrayList<>();

    Shape shape = EnvOverrides.resolve(Schema.ROOT, "PIPELINES_12_MAX_PAYLOAD_BYTES", steps);

    assertThat(shape).isEqualTo(Shape.Scalar.INT);
    assertThat(steps).containsExactly("pipelines", 12, "maxPayloadBytes");
  }
}
