package io.edgeladder.agent.config;

import static io.edgeladder.agent.config.ConfigFixture.VALID;
import static io.edgeladder.agent.config.ConfigFixture.problems;
import static io.edgeladder.agent.config.ConfigFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.protocol.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void load_exampleConfigFile_loadsWithModelCardValues() throws Exception {
    Path example = Path.of("..", "configs", "agent.yaml");

    AgentConfig config = ConfigLoader.load(example, Map.of());

    assertThat(config.agentId()).isEqualTo("gw-01");
    assertThat(config.broker().url()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(config.broker().clientId()).isEqualTo("gw-01");
    assertThat(config.http()).isEqualTo(new AgentConfig.Http("127.0.0.1", 9464));
    assertThat(config.inference().runner()).isEqualTo(RunnerOptions.ofDefaults());
    AgentConfig.Pipeline p = config.pipelines().get(0);
    assertThat(p.modelCard()).isAbsolute()
        .isEqualTo(Path.of("..", "models", "vibration-cnn", "model-card.json").toAbsolutePath().normalize());
    ModelCard card = ModelCard.load(p.modelCard());
    assertThat(p.windowSize()).isEqualTo(card.input().windowSize());
    assertThat(p.hop()).isEqualTo(card.input().hop());
    assertThat(p.channels()).hasSize(card.input().channels().size());
  }

  @Test
  void load_relativeModelPath_resolvesAgainstYamlFolder() throws Exception {
    ConfigFixture.writeCard(dir);
    Path confDir = Files.createDirectories(dir.resolve("etc"));
    Path yaml = confDir.resolve("agent.yaml");
    Files.writeString(yaml, with(VALID, "model", "../cards/model-card.json"));

    AgentConfig config = ConfigLoader.load(yaml, Map.of());

    assertThat(config.pipelines().get(0).modelCard()).isEqualTo(dir.resolve("cards/model-card.json").toAbsolutePath());
  }

  @Test
  void load_missingFile_reportsUnreadableFile() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void parse_validYaml_bindsEveryField() throws Exception {
    ConfigFixture.writeCard(dir);

    AgentConfig c = ConfigLoader.parse(VALID, dir, Map.of());

    assertThat(c.agentId()).isEqualTo("gw-07");
    assertThat(c.broker()).isEqualTo(new AgentConfig.Broker("tcp://broker.local:1883", "gw-07", null, null, 30, 0));
    assertThat(c.inference()).isEqualTo(new AgentConfig.Inference(1, 64, RunnerOptions.ofDefaults()));
    assertThat(c.pipelines()).containsExactly(new AgentConfig.Pipeline("pump-1", "sensors/pump-1/vibration",
        PayloadFormat.RAW_F32LE, List.of("x", "y", "z"), "m/s2", 10000,
        dir.resolve("cards/model-card.json").toAbsolutePath(), 1024, 512, 50, 262144));
  }

  @Test
  void parse_onlyRequiredKeys_appliesDefaults() throws Exception {
    ConfigFixture.writeCard(dir);
    String yaml = """
        agent: {id: gw-02}
        pipelines:
          - {name: p, topic: s/p, channels: [a, b, c], sampleRateHz: 10000, model: cards/model-card.json}
        """;

    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of());

    assertThat(c.broker()).isEqualTo(new AgentConfig.Broker("tcp://127.0.0.1:1883", "gw-02", null, null, 30, 1));
    assertThat(c.http()).isEqualTo(new AgentConfig.Http("127.0.0.1", 9464));
    assertThat(c.inference()).isEqualTo(new AgentConfig.Inference(1, 64, RunnerOptions.ofDefaults()));
    AgentConfig.Pipeline p = c.pipelines().get(0);
    assertThat(p.format()).isEqualTo(PayloadFormat.RAW_F32LE);
    assertThat(p.unit()).isNull();
    assertThat(List.of(p.windowSize(), p.hop(), p.deadlineMillis(), p.maxPayloadBytes()))
        .containsExactly(1024, 512, 50, 262144);
  }

  @Test
  void parse_explicitValues_overrideDefaults() throws Exception {
    ConfigFixture.writeCard(dir);
    String yaml = with(with(with(with(with(with(VALID,
        "optimization", "basic"), "spinning", "true"), "format", "senml"), "hop", "2048"),
        "port", "-1"), "windowSize", "1024");
    yaml = ConfigFixture.insertAfter(yaml, "  url:", "  clientId: custom\n  username: u\n  password: p");

    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of());

    assertThat(c.inference().runner()).isEqualTo(
        new RunnerOptions(1, 1, true, RunnerOptions.Optimization.BASIC));
    assertThat(c.broker().clientId()).isEqualTo("custom");
    assertThat(c.broker().password()).isEqualTo("p");
    assertThat(c.http().enabled()).isFalse();
    assertThat(c.pipelines().get(0).format()).isEqualTo(PayloadFormat.SENML);
    assertThat(c.pipelines().get(0).hop()).isEqualTo(2048);
  }

  @Test
  void brokerToString_withPassword_hidesIt() {
    AgentConfig.Broker b = new AgentConfig.Broker("tcp://h:1883", "c", "user", "s3cr3t-pw", 30, 1);

    assertThat(b.toString()).doesNotContain("s3cr3t-pw").contains("password=***").contains("user");
    assertThat(new AgentConfig.Broker("tcp://h:1883", "c", null, null, 30, 1).toString()).contains("password=null");
  }

  @Test
  void parse_badPasswordType_neverPrintsValue() {
    ConfigFixture.writeCard(dir);
    String yaml = ConfigFixture.insertAfter(VALID, "  url:", "  password: [s3cr3t-pw]");

    List<String> problems = problems(yaml, dir);

    assertThat(problems).containsExactly("broker.password must be a string but was a list");
  }

  @Test
  void parse_invalidYaml_reportsLine() {
    List<String> problems = problems("agent:\n  id: [unclosed\n", dir);

    assertThat(problems).singleElement().asString().startsWith("invalid YAML at line");
  }

  @Test
  void parse_duplicateKey_reported() {
    List<String> problems = problems("agent:\n  id: a\n  id: b\n", dir);

    assertThat(problems).singleElement().asString().contains("invalid YAML").contains("Duplicate field 'id'");
  }

  @Test
  void parse_topLevelList_reported() {
    assertThat(problems("- a\n- b\n", dir)).containsExactly("the top level must be a mapping but was a list");
  }

  @Test
  void parse_emptyYaml_reportsRequiredKeys() {
    assertThat(problems("", dir)).containsExactly(
        "agent.id is required", "pipelines is required (at least one pipeline)");
  }
}
