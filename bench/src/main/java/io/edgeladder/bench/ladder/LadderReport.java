package io.edgeladder.bench.ladder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgeladder.controller.variants.build.BuildRequest;
import io.edgeladder.controller.variants.build.BuildResult;
import io.edgeladder.controller.variants.build.PassOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Ratio and target tables, and the JSON record of a ladder run. */
final class LadderReport {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private LadderReport() {}

  static void printRatios(PrintWriter out, List<LadderRow> rows) {
    out.println("vs fp32 (same run)");
    out.printf(Locale.ROOT, "%-44s %-8s %-6s %9s %8s %8s %8s %8s %8s %8s%n", "id", "status", "prec", "acc drop",
        "size×", "gzip×", "p50×", "p99×", "speedup", "MACs×");
    for (LadderRow r : rows) {
      out.printf(Locale.ROOT, "%-44s %-8s %-6s %9s %8.3f %8.3f %8s %8s %8s %8s%n", r.id(), r.status(), r.precision(),
          fmt(r.accuracyDropPt(), "%.2f pt"), r.sizeRatio(), r.compressedRatio(), fmt(r.p50Ratio(), "%.3f"),
          fmt(r.p99Ratio(), "%.3f"), fmt(r.speedup(), "%.2fx"), fmt(r.macsRatio(), "%.3f"));
    }
  }

  static void printTargets(PrintWriter out, List<TargetCheck> targets) {
    out.println("targets (issue 3)");
    for (TargetCheck t : targets) {
      out.printf(Locale.ROOT, "  %-4s %-44s %-26s %10s %s %-6s %s%n", t.met() ? "MET" : "MISS", t.target(),
          t.variant() == null ? "-" : t.variant(), fmt(t.value(), "%.3f"), t.comparison(),
          String.format(Locale.ROOT, "%.2f", t.limit()), t.note());
    }
  }

  static Path writeJson(Path dir, BuildResult result, List<LadderRow> rows, List<TargetCheck> targets,
      List<String> notes, BuildRequest request) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "ladder");
    root.put("createdAt", result.manifest().createdAt());
    root.put("model", result.manifest().model());
    root.put("referenceHost", result.manifest().referenceHost());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("techniques", request.techniques().stream().map(t -> t.spec()).toList());
    settings.put("calibrationWindows", request.calibrationWindows());
    settings.put("accuracyBudgetPoints", request.policy().accuracyBudgetPoints());
    settings.put("evaluation", request.evaluation());
    root.put("settings", settings);
    root.put("notes", notes);
    root.put("passes", result.passes().stream().map(LadderReport::pass).toList());
    root.put("rows", rows);
    root.put("targets", targets);
    root.put("allTargetsMet", targets.stream().allMatch(TargetCheck::met));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    root.put("manifest", json.readTree(result.manifest().toJson()));
    Files.createDirectories(dir);
    byte[] bytes = json.writeValueAsBytes(root);
    String stamp = STAMP.format(java.time.Instant.parse(result.manifest().createdAt()));
    Files.write(dir.resolve("ladder-" + stamp + ".json"), bytes);
    Path latest = dir.resolve("ladder-latest.json");
    Files.write(latest, bytes);
    return latest;
  }

  private static Map<String, Object> pass(PassOutcome p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", p.spec());
    m.put("id", p.id());
    m.put("applied", p.applied());
    m.put("techniques", p.techniques());
    m.put("precision", p.precision().label());
    m.put("seconds", p.seconds());
    m.put("notes", p.notes());
    if (p.reason() != null) m.put("reason", p.reason());
    return m;
  }

  private static String fmt(Double v, String pattern) {
    return v == null ? "-" : String.format(Locale.ROOT, pattern, v);
  }
}
