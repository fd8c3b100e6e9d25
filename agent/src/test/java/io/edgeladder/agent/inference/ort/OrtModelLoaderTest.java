package io.edgeladder.agent.inference.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.RunnerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrtModelLoaderTest {
  private final OrtModelLoader loader = OrtModelLoader.of();
  private final RunnerOptions defaults = RunnerOptions.ofDefaults();

  @Test
  void load_tinyConv_reportsSignature() throws Exception {
    try (LoadedModel model = loader.load(Fixtures.model("tiny-conv"), defaults)) {
      assertThat(model.signature().inputName()).isEqualTo("input");
      assertThat(model.signature().inputShape()).containsExactly(1, 3, 1024);
      assertThat(model.signature().outputName()).isEqualTo("logits");
      assertThat(model.signature().outputShape()).containsExactly(1, 5);
      assertThat(model.signature().inputSize()).isEqualTo(3072);
      assertThat(model.signature().outputSize()).isEqualTo(5);
    }
  }

  @Test
  void load_tinyConv_sha256MatchesSha256sum() throws Exception {
    Path file = Fixtures.model("tiny-conv");
    Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    String expected = out.substring(0, out.indexOf(' '));
    try (LoadedModel model = loader.load(file, defaults)) {
      assertThat(model.sha256()).hasSize(64).isEqualTo(expected);
    }
  }

  @Test
  void load_everyOptimisationAndThreadSetting_loads() throws Exception {
    for (RunnerOptions.Optimization level : RunnerOptions.Optimization.values()) {
      try (LoadedModel model = loader.load(Fixtures.model("tiny-conv"), new RunnerOptions(2, 2, true, level))) {
        assertThat(model.signature().outputSize()).isEqualTo(5);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      truncated      | not a loadable ONNX model
      not-onnx       | not a loadable ONNX model
      two-inputs     | expected exactly 1 input but found 2 [a, b]
      dynamic-shape  | input 'input' has dynamic dim -1 at axis 2 ('length'); only static shapes are supported
      int-input      | input 'input' must be float32 but is ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64
      batch-two      | input 'input' must have batch 1 but has shape [2, 3, 1024]
      dynamic-output | output 'logits' has dynamic dim -1 at axis 1 ('classes'); only static shapes are supported
      """)
  void load_badFixture_throwsNamingFileAndProblem(String fixture, String problem) {
    Path file = Fixtures.model(fixture);
    assertThatThrownBy(() -> loader.load(file, defaults))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model " + file + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void load_missingFile_throwsNotFound(@TempDir Path dir) {
    Path file = dir.resolve("absent.onnx");
    assertThatThrownBy(() -> loader.load(file, defaults))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model " + file + ": file not found");
  }

  @Test
  void load_emptyFile_throwsEmpty(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("empty.onnx"));
    assertThatThrownBy(() -> loader.load(file, defaults))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model " + file + ": file is empty (0 bytes)");
  }

  @Test
  void load_directory_throwsCannotRead(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir, defaults))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model " + dir + ": cannot read file");
  }

  @Test
  void sessionOptions_defaults_disableSpinning() throws Exception {
    try (var so = OrtSessionOptions.of(RunnerOptions.ofDefaults())) {
      assertThat(so.getConfigEntries())
          .containsEntry("session.intra_op.allow_spinning", "0")
          .containsEntry("session.inter_op.allow_spinning", "0");
    }
  }

  @Test
  void sessionOptions_spinningRequested_enablesSpinning() throws Exception {
    try (var so = OrtSessionOptions.of(new RunnerOptions(1, 1, true, RunnerOptions.Optimization.BASIC))) {
      assertThat(so.getConfigEntries())
          .containsEntry("session.intra_op.allow_spinning", "1")
          .containsEntry("session.inter_op.allow_spinning", "1");
    }
  }
}
