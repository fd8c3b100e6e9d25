package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.Agreement;
import io.edgeladder.protocol.ladder.Golden;
import io.edgeladder.protocol.ladder.GoldenInput;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Latency;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.ReferenceHost;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.protocol.ladder.VariantStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a real two-rung ladder manifest: {@code base} (models/vibration-cnn, fp32) and {@code qat}
 * (models/variants/vibration-cnn-qat, int8), golden outputs computed with the agent's own ORT loader.
 */
public final class TestLadder {
  public static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
  public static final Path BASE = MODELS.resolve("vibration-cnn/model.onnx");
  public static final Path QAT = MODELS.resolve("variants/vibration-cnn-qat/model.onnx");
  public static final Path CARD = MODELS.resolve("vibration-cnn/model-card.json");

  private TestLadder() {}

  /** Writes {@code ladder.json} into {@code dir} and returns its path. */
  public static Path write(Path dir) throws Exception {
    float[] in = goldenInput();
    ModelCard card = ModelCard.load(CARD);
    String baseSha = null;
    List<VariantEntry> entries = new ArrayList<>();
    Object[][] rungs = {{"base", BASE, Precision.FP32, 0.95}, {"qat", QAT, Precision.INT8, 0.93}};
    for (Object[] r : rungs) {
      try (LoadedModel m = OrtModelLoader.of().load((Path) r[1], RunnerOptions.ofDefaults());
          ModelRunner runner = m.newRunner()) {
        float[] out = new float[m.signature().outputSize()];
        runner.run(in, out);
        if (baseSha == null) baseSha = m.sha256();
        entries.add(new VariantEntry((String) r[0], r[1].toString(), m.sha256(), Files.size((Path) r[1]),
            Files.size((Path) r[1]), (Precision) r[2], List.of(), (Double) r[3], Map.of(),
            new Agreement(1.0, 0, 0, 0, 0), new Latency(1, 2, 1, 10, 100), null, 10L, 10L,
            VariantStatus.ACCEPTED, null, new Golden("golden-0", out)));
      }
    }
    LadderManifest manifest = new LadderManifest(1, "vibration-cnn", baseSha, "2026-01-01T00:00:00Z",
        new ReferenceHost("test", 1, "Linux", "amd64", "17", "1.29.0", 1), card.classes(), card.input(),
        card.output(), GoldenInput.of("golden-0", 0, new long[] {1, 3, 1024}, in), entries);
    Files.createDirectories(dir);
    Path file = dir.resolve("ladder.json");
    Files.write(file, manifest.toJson());
    return file;
  }

  static float[] goldenInput() {
    float[] in = new float[3 * 1024];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) Math.sin(i * 0.05);
    }
    return in;
  }
}
