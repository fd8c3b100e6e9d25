package io.edgeladder.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.adaptive.TestLadder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AdaptiveConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  private static String withLadder(String path) {
    return ConfigFixture.insertAfter(ConfigFixture.VALID, "    maxPayloadBytes", "    ladder: " + path);
  }

  @Test
  void parse_noLadderNoSection_defaultsAndNoLadder() throws Exception {
    AgentConfig c = ConfigLoader.parse(ConfigFixture.VALID, dir, Map.of());

    assertThat(c.adaptive()).isEqualTo(AgentConfig.Adaptive.ofDefaults());
    assertThat(c.pipelines().get(0).ladder()).isNull();
  }

  @Test
  void parse_ladderAndAdaptive_bindsResolvedPathsAndBounds() throws Exception {
    TestLadder.write(dir.resolve("ladder"));
    String yaml = withLadder("ladder/ladder.json") + """
        adaptive:
          periodMs: 250
          holdDownMs: 5000
          deadlineMargin: 0.3
          probationMs: 0
          maxMissRate: 0.1
          minAccuracy: 0.9
          pinned: qat
          allowed: [base, qat]
          stateDir: state
        """;
    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of("EDGELADDER_ADAPTIVE_HOLD_DOWN_MS", "7000"));

    assertThat(c.pipelines().get(0).ladder()).isEqualTo(dir.resolve("ladder/ladder.json").toAbsolutePath());
    assertThat(c.adaptive()).isEqualTo(new AgentConfig.Adaptive(true, 250, 7000, 0.3, 0, 0.1, 0.9, "qat",
        List.of("base", "qat"), dir.resolve("state").toAbsolutePath()));
  }

  @Test
  void load_demoYaml_bindsItsCommittedLadder() throws Exception {
    AgentConfig c = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), Map.of());

    assertThat(c.pipelines().get(0).ladder()).isEqualTo(
        Path.of("..", "configs", "ladder", "ladder.json").toAbsolutePath().normalize());
    assertThat(c.pipelines().get(1).ladder()).isNull();
  }

  @Test
  void parse_missingOrGarbageLadder_namesPathAndFile() throws Exception {
    assertThat(ConfigFixture.problems(withLadder("nope.json"), dir))
        .anySatisfy(p -> assertThat(p).contains("pipelines[0].ladder").contains("missing file").contains("nope.json"));
    Files.writeString(dir.resolve("bad.json"), "{\"schemaVersion\": 7}");
    assertThat(ConfigFixture.problems(withLadder("bad.json"), dir))
        .anySatisfy(p -> assertThat(p).contains("pipelines[0].ladder").contains("not a valid ladder manifest"));
  }

  @Test
  void parse_unknownPinnedOrAllowedId_listsAcceptedIds() throws Exception {
    TestLadder.write(dir.resolve("ladder"));
    String yaml = withLadder("ladder/ladder.json") + """
        adaptive:
          pinned: int4
          allowed: [base, tiny]
        """;
    assertThat(ConfigFixture.problems(yaml, dir)).containsExactlyInAnyOrder(
        "adaptive.pinned names variant 'int4' which pipeline pump-1's ladder lacks; accepted: [base, qat]",
        "adaptive.allowed[1] names variant 'tiny' which pipeline pump-1's ladder lacks; accepted: [base, qat]");
  }

  @Test
  void parse_pinnedWithoutAnyLadder_isAProblem() {
    String yaml = ConfigFixture.VALID + """
        adaptive:
          pinned: qat
        """;
    assertThat(ConfigFixture.problems(yaml, dir))
        .containsExactly("adaptive.pinned names variant 'qat' but no pipeline has a ladder");
  }

  @Test
  void parse_outOfRangeValues_reportedWithPath() {
    String yaml = ConfigFixture.VALID + """
        adaptive:
          periodMs: 0
          deadlineMargin: 1.5
          maxMissRate: -0.1
        """;
    assertThat(ConfigFixture.problems(yaml, dir)).hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("adaptive.periodMs"))
        .anySatisfy(p -> assertThat(p).startsWith("adaptive.deadlineMargin"))
        .anySatisfy(p -> assertThat(p).startsWith("adaptive.maxMissRate"));
  }
}
