package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.BenchJson;
import io.edgeladder.bench.MachineFacts;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@code adaptive} run as {@code adaptive-<UTC timestamp>.json} and copies it to
 * {@code adaptive-latest.json}, in the shape of the {@code e2e} and {@code ladder} records: machine, settings,
 * per-scenario figures, derived ratios, targets.
 */
final class AdaptiveJson {
  private AdaptiveJson() {}

  static Path write(Path dir, MachineFacts machine, Map<String, Object> settings, AdaptiveReport report)
      throws IOException {
    Instant now = Instant.now();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "adaptive");
    root.put("timestamp", now.toString());
    root.put("machine", machine);
    root.put("loadAverageAtEnd", report.loadAtEnd());
    root.put("noisy", report.noisy());
    root.put("settings", settings);
    if (report.ladder() != null) {
      root.put("ladder", ladder(report.ladder()));
    }
    if (report.swaps() != null) {
      root.put("swaps", report.swaps());
    }
    if (report.contention() != null) {
      root.put("contention", report.contention());
    }
    if (report.battery() != null) {
      root.put("battery", report.battery());
    }
    root.put("derived", derived(report));
    root.put("targets", BenchJson.targets(report.targets()));
    Path file = BenchJson.write(dir, "adaptive", now, root);
    return file;
  }

  private static Map<String, Object> ladder(BenchLadder l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("validation", l.spec());
    m.put("mostAccurate", l.mostAccurate().id());
    List<Map<String, Object>> variants = new ArrayList<>();
    for (VariantEntry e : l.manifest().variants()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", e.id());
      v.put("accepted", e.accepted());
      v.put("rejectReason", e.rejectReason());
      v.put("precision", e.precision());
      v.put("techniques", e.techniques());
      v.put("sha256", e.sha256());
      v.put("accuracy", e.accuracy());
      v.put("p50Ms", e.latency() == null ? null : e.latency().p50Ms());
      v.put("p99Ms", e.latency() == null ? null : e.latency().p99Ms());
      variants.add(v);
    }
    m.put("variants", variants);
    return m;
  }

  private static Map<String, Object> derived(AdaptiveReport r) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (r.swaps() != null) {
      d.put("swapMaxOverSteadyP99", AdaptiveReport.round(r.swaps().swapMaxOverSteadyP99(), 3));
      d.put("controlMaxOverSteadyP99", AdaptiveReport.round(r.swaps().controlMaxOverSteadyP99(), 3));
      d.put("swapMaxOverControlMax", AdaptiveReport.round(r.swaps().swapMaxOverControlMax(), 3));
      d.put("swapToFirstResultMedianMs", AdaptiveReport.round(r.swaps().medianToFirstResultMs(), 2));
      d.put("swapToFirstResultMaxMs", AdaptiveReport.round(r.swaps().maxToFirstResultMs(), 2));
      d.put("atomicFlipMedianMicros", r.swaps().medianFlipMicros());
      d.put("atomicFlipMaxMicros", r.swaps().maxFlipMicros());
    }
    if (r.contention() != null) {
      d.put("contentionStaticMissRate", AdaptiveReport.round(r.contention().fixed().missRateAfter(), 5));
      d.put("contentionAdaptiveMissRate", AdaptiveReport.round(r.contention().adaptive().missRateAfter(), 5));
      d.put("contentionStaticOverAdaptive", AdaptiveReport.round(r.contention().missRatio(), 2));
      d.put("contentionAdaptiveRecoverySeconds", r.contention().adaptive().recoverySeconds());
    }
    if (r.battery() != null) {
      d.put("batteryAdaptiveOverStaticCpu", AdaptiveReport.round(r.battery().energyRatio(), 3));
      d.put("batteryCheapestOverStaticCpu", AdaptiveReport.round(r.battery().floorRatio(), 3));
      d.put("batteryAccuracyCostPoints", AdaptiveReport.round(r.battery().accuracyCostPoints(), 2));
    }
    return d;
  }
}
