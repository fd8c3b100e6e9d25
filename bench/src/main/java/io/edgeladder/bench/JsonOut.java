package io.edgeladder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run as {@code e2e-<UTC timestamp>.json} and copies it to {@code e2e-latest.json}. */
final class JsonOut {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

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
    List<Map<String, Object>> targets = new ArrayList<>();
    for (Target t : report.targets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("value", t.value());
      m.put("limit", (t.atMost() ? "<= " : ">= ") + t.limit() + " " + t.unit());
      m.put("met", t.met());
      m.put("verdict", t.verdict());
      targets.add(m);
    }
    root.put("targets", targets);
    Files.createDirectories(dir);
    Path file = dir.resolve("e2e-" + STAMP.format(now) + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    Files.copy(file, dir.resolve("e2e-latest.json"), StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
