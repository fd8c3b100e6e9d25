package io.edgeladder.bench.soak;

import io.edgeladder.bench.BenchJson;
import io.edgeladder.bench.MachineFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a soak run as {@code soak-<UTC timestamp>.json}, copied to {@code soak-latest.json} (and to
 * {@code soak-<tag>.json} when tagged, to keep runs with different JVM flags side by side), in the shape of
 * the other benches' records: machine, settings, figures, derived ratios, targets.
 */
final class SoakJson {
  private SoakJson() {}

  static Path write(Path dir, String tag, MachineFacts machine, Map<String, Object> settings, SoakReport report)
      throws IOException {
    Instant now = Instant.now();
    SoakSession.Outcome o = report.outcome();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "soak");
    root.put("timestamp", now.toString());
    root.put("machine", machine);
    root.put("loadAverageAtEnd", report.loadAtEnd());
    root.put("noisy", report.noisy());
    root.put("settings", settings);
    root.put("rawOrt", report.rawOrt());
    Map<String, Object> overall = new LinkedHashMap<>();
    overall.put("measuredSeconds", o.measuredSeconds());
    overall.put("windows", o.windows());
    overall.put("agentCounts", o.agent());
    overall.put("e2e", o.e2e());
    overall.put("gcPauses", o.gcPauses());
    overall.put("safepoints", o.safepoints());
    overall.put("allocationStalls", o.allocationStalls());
    overall.put("collections", o.collections());
    overall.put("swapsRequested", o.swapsRequested());
    overall.put("swaps", o.swaps());
    overall.put("swapTotalMs", o.swapMillis());
    overall.put("swapFlipMicros", o.flipMicros());
    overall.put("resultsPerVariant", o.resultsPerVariant());
    overall.put("rssFirstMb", o.intervals().isEmpty() ? Double.NaN : o.intervals().get(0).rssMb());
    overall.put("rssLastMb", o.intervals().isEmpty() ? Double.NaN : o.intervals().get(o.intervals().size() - 1).rssMb());
    overall.put("rssMaxMb", o.intervals().stream().mapToDouble(IntervalFigures::rssMaxMb).max().orElse(Double.NaN));
    overall.put("agentAliveAtEnd", o.agentAliveAtEnd());
    overall.put("errors", o.errors());
    root.put("overall", overall);
    root.put("intervals", o.intervals());
    root.put("derived", report.derived());
    root.put("targets", BenchJson.targets(report.targets()));
    Path file = BenchJson.write(dir, "soak", now, root);
    if (tag != null && !tag.isBlank()) {
      Files.copy(file, dir.resolve("soak-" + tag + ".json"), StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
