package io.edgeladder.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The committed base-model cards (models/, written by models/recipes/train.py) load and match their files. */
class ModelCardTest {
  private static final Path MODELS = Path.of("..", "models");
  private static final List<String> CLASSES =
      List.of("healthy", "imbalance", "misalignment", "bearing_fault", "looseness");

  @ParameterizedTest
  @ValueSource(strings = {"vibration-cnn", "vibration-cnn-teacher"})
  void load_committedCard_matchesOnnxFileAndSpec(String model) throws Exception {
    Path cardFile = MODELS.resolve(model).resolve("model-card.json");
    ModelCard card = ModelCard.load(cardFile);

    assertThat(card.name()).isEqualTo(model);
    assertThat(card.file()).isEqualTo("model.onnx");
    byte[] onnx = Files.readAllBytes(card.modelPath(cardFile));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx));
    assertThat(card.sha256()).isEqualTo(sha);
    assertThat(card.classes()).isEqualTo(CLASSES);

    ModelCard.Input in = card.input();
    assertThat(in.name()).isEqualTo("input");
    assertThat(in.shape()).containsExactly(1, 3, 1024);
    assertThat(in.layout()).isEqualTo("NCW");
    assertThat(in.channels()).containsExactly("x", "y", "z");
    assertThat(in.sampleRateHz()).isEqualTo(10_000);
    assertThat(in.windowSize()).isEqualTo(1024);
    assertThat(in.hop()).isEqualTo(512);
    assertThat(in.normalization().mean()).hasSize(3);
    assertThat(in.normalization().std()).hasSize(3);
    for (float s : in.normalization().std()) {
      assertThat(s).isPositive();
    }

    assertThat(card.output().name()).isEqualTo("logits");
    assertThat(card.output().shape()).containsExactly(1, 5);
    assertThat(card.output().kind()).isEqualTo("logits");
    assertThat(((Number) card.metrics().get("validationAccuracy")).doubleValue()).isGreaterThanOrEqualTo(0.95);
    assertThat(((Number) card.metrics().get("sizeBytes")).longValue()).isEqualTo(onnx.length);
  }

  @Test
  void load_cardWithoutClassesOrInput_namesEveryProblem(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("model-card.json");
    Files.writeString(bad, "{\"name\":\"broken\",\"file\":\"model.onnx\",\"output\":{\"name\":\"logits\"}}");
    assertThatThrownBy(() -> ModelCard.load(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("classes is missing")
        .hasMessageContaining("input is missing");
  }
}
