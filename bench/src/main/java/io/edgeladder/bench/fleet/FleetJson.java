package io.edgeladder.bench.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a run to {@code fleet-latest.json} in the results folder (the same layout as the other benchmarks). */
final class FleetJson {
  private FleetJson() {}

  static Path write(Path dir, FleetReport report) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "fleet");
    root.put("timestamp", Instant.now().toString());
    root.put("machine", report.machine());
    root.put("loadAverageAtEnd", report.loadAverageAtEnd());
    root.put("noisy", report.noisy());
    root.put("settings", report.settings());
    root.put("distribution", report.summaries());
    root.put("distributionRuns", report.cases());
    root.put("heartbeats", report.heartbeats());
    Files.createDirectories(dir);
    Path file = dir.resolve("fleet-latest.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    return file;
  }
}
