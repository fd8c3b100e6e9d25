package io.edgeladder.bench;

import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a run as {@code e2e-<UTC timestamp>.json} and copies it to {@code e2e-latest.json}. */
final class JsonOut {
  private JsonOut() {}

  static Path write(Path dir, MachineFacts machine, ModelCard card, Path cardFile, String sha256,
      Map<String, Object> settings, RawOrtBench.Result ort, MqttEchoBench.Result echo, AgentE2eResult agent,
      Report report) throws IOException {
    Instant now = Instant.now();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "e2e");
    root.put("timestamp", now.toString());
    root.put("machine", machine);
    root.put("loadAverageAtEnd", MachineFacts.loadAverage());
    root.put("model", Map.of("name", card.name(), "version", String.valueOf(card.version()),
        "card", cardFile.toString(), "sha256", sha256));
    root.put("settings", settings);
    root.put("rawOrt", ort);
    root.put("mqttEcho", echo);
    root.put("agent", agent);
    root.put("derived", report.derived());
    root.put("targets", BenchJson.targets(report.targets()));
    Path file = BenchJson.write(dir, "e2e", now, root);
    return file;
  }
}
