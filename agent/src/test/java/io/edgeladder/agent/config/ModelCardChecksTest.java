package io.edgeladder.agent.config;

import static io.edgeladder.agent.config.ConfigFixture.VALID;
import static io.edgeladder.agent.config.ConfigFixture.problems;
import static io.edgeladder.agent.config.ConfigFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardChecksTest {
  @TempDir Path dir;

  @Test
  void parse_missingModelCard_reportsAbsolutePath() {
    String yaml = with(VALID, "model", "cards/nope.json");

    assertThat(problems(yaml, dir)).containsExactly(
        "pipelines[0].model points to a missing file: " + dir.resolve("cards/nope.json").toAbsolutePath());
  }

  @Test
  void parse_cardNotJson_reportsLoadError() throws Exception {
    Files.createDirectories(dir.resolve("cards"));
    Files.writeString(dir.resolve("cards/model-card.json"), "{not json");

    assertThat(problems(VALID, dir)).singleElement().asString()
        .startsWith("pipelines[0].model is not a valid model card: cannot read model card ");
  }

  @Test
  void parse_cardWithoutOnnxFile_reported() {
    ConfigFixture.writeCard(dir.resolve("cards"), "model-card.json", 512, false);

    assertThat(problems(VALID, dir)).containsExactly("pipelines[0].model names ONNX file "
        + dir.resolve("cards/model.onnx").toAbsolutePath() + " which does not exist");
  }

  @Test
  void parse_mismatchWithCard_reportsEachDifference() {
    ConfigFixture.writeCard(dir);
    String yaml = with(with(with(VALID, "channels", "[x, y]"), "sampleRateHz", "8000"), "windowSize", "512");

    assertThat(problems(yaml, dir)).containsExactly(
        "pipelines[0].channels has 2 entries [x, y] but model card vibration-test expects 3 [x, y, z]",
        "pipelines[0].sampleRateHz must equal model card vibration-test's input.sampleRateHz 10000 but was 8000",
        "pipelines[0].windowSize must be 0 or equal model card vibration-test's input.windowSize 1024 but was 512");
  }

  @Test
  void parse_cardWithoutHopAndHopZero_reported() {
    ConfigFixture.writeCard(dir.resolve("cards"), "model-card.json", 0, true);

    assertThat(problems(VALID, dir)).containsExactly(
        "pipelines[0].hop must be set: model card vibration-test has no input.hop");
  }

  @Test
  void parse_cardWithoutHopAndExplicitHop_usesIt() throws Exception {
    ConfigFixture.writeCard(dir.resolve("cards"), "model-card.json", 0, true);

    assertThat(ConfigLoader.parse(with(VALID, "hop", "256"), dir, java.util.Map.of()).pipelines().get(0).hop())
        .isEqualTo(256);
  }
}
