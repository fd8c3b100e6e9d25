package io.edgeladder.agent.inference.ort;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The trained base model, once models/vibration-cnn has produced it: it loads and matches its card. */
class VibrationCnnModelIT {
  private static final Path DIR = Path.of("..", "models", "vibration-cnn");

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void load_vibrationCnn_signatureMatchesModelCard() throws Exception {
    // The only optional input in these tests: the base model is trained by its own recipe.
    assumeTrue(Files.exists(DIR.resolve("model.onnx")), "models/vibration-cnn/model.onnx not built yet");
    ModelCardCheck.assertSessionMatchesCard(DIR.resolve("model-card.json"));
  }
}
