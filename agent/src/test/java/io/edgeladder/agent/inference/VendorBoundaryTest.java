package io.edgeladder.agent.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ONNX Runtime types stay in {@code inference.ort}: the rest of the agent compiles against our contracts. */
class VendorBoundaryTest {
  private static final Path MAIN = Path.of("src", "main", "java", "io", "edgeladder", "agent");
  private static final Path ADAPTER = MAIN.resolve(Path.of("inference", "ort"));

  @Test
  void sources_outsideOrtAdapter_doNotReferenceOnnxRuntime() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(MAIN)) {
      offenders = files
          .filter(f -> f.toString().endsWith(".java") && !f.startsWith(ADAPTER))
          .filter(VendorBoundaryTest::mentionsOrt)
          .toList();
    }
    assertThat(Files.isDirectory(ADAPTER)).as("adapter dir %s", ADAPTER.toAbsolutePath()).isTrue();
    assertThat(offenders).as("files outside %s that use ai.onnxruntime", ADAPTER).isEmpty();
  }

  private static boolean mentionsOrt(Path file) {
    try {
      return Files.readString(file).contains("ai.onnxruntime");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
