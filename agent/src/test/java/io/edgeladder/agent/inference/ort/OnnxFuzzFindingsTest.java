package io.edgeladder.agent.inference.ort;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.RunnerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for what {@link OnnxFileFuzzTest} found (issue 6), each naming its input. */
class OnnxFuzzFindingsTest {
  /** ModelProto.graph(7).input(11).type(2).tensor_type(1).shape(2).dim(1).dim_value(1). */
  private static final String INPUT_DIMS = "7.11.2.1.2.1.1";

  @TempDir
  Path tmp;

  @Test
  void load_inputDimsOf2Pow40_modelLoadExceptionNotArithmeticException() throws Exception {
    byte[] model = new ProtoMutator(Files.readAllBytes(Path.of("..", "models", "fixtures", "tiny-conv.onnx")))
        .withVarints(INPUT_DIMS, 1L << 40);
    Path file = Files.write(tmp.resolve("huge-dims.onnx"), model);
    assertThatThrownBy(() -> OrtModelLoader.of().load(file, RunnerOptions.ofDefaults()))
        .isInstanceOf(ModelLoadException.class).hasMessageStartingWith("model " + file + ": ")
        .hasMessageContaining("fit one buffer"); // ORT accepts the dims; 2^40 * 2^40 * 2^40 overflowed a long
  }
}
