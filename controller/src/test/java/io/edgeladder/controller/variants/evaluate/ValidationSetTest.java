package io.edgeladder.controller.variants.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationSetTest {
  static final Path VALIDATION = Path.of("..", "models", "data", "validation");
  static final Path CARD = Path.of("..", "models", "vibration-cnn", "model-card.json");

  @Test
  void load_committedSet_hasMetaShapeAndLabelOrder() throws IOException {
    ValidationSet raw = ValidationSet.load(VALIDATION);

    assertThat(raw.size()).isEqualTo(500);
    assertThat(raw.channels()).isEqualTo(3);
    assertThat(raw.windowSize()).isEqualTo(1024);
    assertThat(raw.classes()).containsExactly("healthy", "imbalance", "misalignment", "bearing_fault", "looseness");
    for (int i = 0; i < raw.size(); i++) assertThat(raw.label(i)).isEqualTo(i % 5);
    assertThat(raw.normalized()).isFalse();
    assertThat(raw.window(3)).hasSize(3 * 1024);
  }

  @Test
  void normalize_withCard_appliesPerChannelMeanAndStd() throws IOException {
    ModelCard card = ModelCard.load(CARD);
    ValidationSet raw = ValidationSet.load(VALIDATION);
    ValidationSet norm = raw.normalize(card.input());

    float[] r = raw.window(42);
    float[] n = norm.window(42);
    for (int c = 0; c < 3; c++) {
      int s = c * 1024 + 100;
      float expected = (r[s] - card.input().normalization().mean()[c]) / card.input().normalization().std()[c];
      assertThat(n[s]).isEqualTo(expected);
    }
    assertThat(raw.window(42)).containsExactly(r); // the raw set is untouched
    assertThatThrownBy(() -> norm.normalize(card.input())).hasMessageContaining("already normalised");
  }

  @Test
  void calibrationInputs_seeded_isDeterministicDistinctAndNormalised() throws IOException {
    ValidationSet norm = ValidationSet.load(VALIDATION, ModelCard.load(CARD));

    float[][] a = norm.calibrationInputs(16, 7);
    float[][] b = norm.calibrationInputs(16, 7);
    float[][] other = norm.calibrationInputs(16, 8);
    float[][] first = norm.calibrationInputs(4, -1);

    assertThat(a).isDeepEqualTo(b);
    assertThat(a).isNotEqualTo(other);
    assertThat(first[0]).containsExactly(norm.window(0));
    assertThat(first[3]).containsExactly(norm.window(3));
    assertThat(a[0]).hasSize(3 * 1024);
    assertThat(List.of(a).stream().map(java.util.Arrays::hashCode).distinct().count()).isEqualTo(16);
    a[0][0] = 1e9f; // callers own their copies
    assertThat(norm.calibrationInputs(16, 7)[0][0]).isNotEqualTo(1e9f);
  }

  @Test
  void calibrationInputs_rawSetOrBadCount_refuses() throws IOException {
    ValidationSet raw = ValidationSet.load(VALIDATION);
    assertThatThrownBy(() -> raw.calibrationInputs(4, 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("normalised");
    ValidationSet norm = raw.normalize(ModelCard.load(CARD).input());
    assertThatThrownBy(() -> norm.calibrationInputs(0, 1)).hasMessageContaining("must be in [1, 500] but was 0");
    assertThatThrownBy(() -> norm.calibrationInputs(501, 1)).hasMessageContaining("but was 501");
  }

  @Test
  void load_truncatedWindowsOrLabels_namesMismatch(@TempDir Path dir) throws IOException {
    Files.copy(VALIDATION.resolve("meta.json"), dir.resolve("meta.json"));
    Files.write(dir.resolve("windows.f32"), new byte[1000]);
    Files.write(dir.resolve("labels.u8"), new byte[500]);
    assertThatThrownBy(() -> ValidationSet.load(dir))
        .hasMessageContaining("windows.f32 must be 6144000 bytes (500 x 3 x 1024 float32) but was 1000");

    Files.copy(VALIDATION.resolve("windows.f32"), dir.resolve("windows.f32"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.write(dir.resolve("labels.u8"), new byte[499]);
    assertThatThrownBy(() -> ValidationSet.load(dir)).hasMessageContaining("labels.u8 must hold 500 labels but held 499");
  }
}
