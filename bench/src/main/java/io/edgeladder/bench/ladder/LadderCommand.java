package io.edgeladder.bench.ladder;

import io.edgeladder.controller.cli.LadderTable;
import io.edgeladder.controller.variants.build.BuildRequest;
import io.edgeladder.controller.variants.build.BuildResult;
import io.edgeladder.controller.variants.build.Imports;
import io.edgeladder.controller.variants.build.TechniqueRegistry;
import io.edgeladder.controller.variants.build.VariantBuild;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.ladder.LadderPolicy;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ladder}: builds the variant ladder of the base model with every available technique (and the
 * training-time imports), measured side by side with fp32 in one run; prints ratios against fp32 and the
 * issue's targets, writes {@code bench/results/ladder-latest.json}.
 */
@Command(name = "ladder", mixinStandardHelpOptions = true,
    description = "Variant ladder of the base model: every technique beside fp32, ratios and targets.")
public final class LadderCommand implements Callable<Integer> {
  static final List<String> ALL_TECHNIQUES = List.of("int8-static", "int8-static:minmax", "int8-dynamic", "fp16",
      "prune:0.5", "channel-prune:0.5", "channel-prune:0.5+int8-static", "low-rank:0.9",
      "channel-prune:0.5+low-rank:0.9+int8-static");

  @Option(names = "--model-card", defaultValue = "models/vibration-cnn/model-card.json")
  Path card;

  @Option(names = "--validation", defaultValue = "models/data/validation")
  Path validation;

  @Option(names = "--import", defaultValue = "models/variants",
      description = "training-time variants folder (skipped when absent; default: ${DEFAULT-VALUE})")
  Path importDir;

  @Option(names = "--techniques", split = ",", description = "default: every registered technique family")
  List<String> techniques = new ArrayList<>(ALL_TECHNIQUES);

  @Option(names = "--calibration-windows", defaultValue = "64")
  int calibrationWindows;

  @Option(names = "--accuracy-budget", defaultValue = "1.5")
  double accuracyBudget;

  @Option(names = "--threads", defaultValue = "1")
  int threads;

  @Option(names = "--warmup-runs", defaultValue = "500")
  int warmupRuns;

  @Option(names = "--timed-runs", defaultValue = "5000")
  int timedRuns;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Option(names = "--keep", paramLabel = "DIR", description = "keep the ladder folder here (default: a deleted temp folder)")
  Path keep;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    List<Candidate> imports = List.of();
    List<String> notes = new ArrayList<>();
    if (Files.isDirectory(importDir)) {
      try {
        imports = Imports.load(importDir, card);
      } catch (java.io.IOException e) {
        notes.add("imports from " + importDir + " skipped: " + e.getMessage());
      }
    } else {
      notes.add("no imports: " + importDir + " does not exist");
    }
    notes.forEach(n -> System.err.println("note: " + n));
    Path tmp = Files.createTempDirectory("edgeladder-ladder-bench-");
    Path ladderDir = keep != null ? keep : tmp.resolve("ladder");
    try {
      BuildRequest request = new BuildRequest(card, validation, null, calibrationWindows,
          TechniqueRegistry.ofDefaults(calibrationWindows).parseAll(techniques), imports,
          new LadderPolicy(accuracyBudget, 1.0, true), new EvaluationSettings(threads, warmupRuns, timedRuns, 0),
          ladderDir, 1);
      BuildResult result = VariantBuild.of(Clock.systemUTC(), System::nanoTime, System.err::println).run(request);
      LadderTable.print(out, result.manifest());
      VariantEntry base = result.manifest().variants().stream()
          .filter(e -> e.sha256().equals(result.manifest().baseSha256())).findFirst().orElseThrow();
      List<LadderRow> rows = result.manifest().variants().stream().map(e -> LadderRow.of(e, base)).toList();
      List<TargetCheck> targets = LadderTargets.check(rows);
      out.println();
      LadderReport.printRatios(out, rows);
      out.println();
      LadderReport.printTargets(out, targets);
      Path json = LadderReport.writeJson(results, result, rows, targets, notes, request);
      out.println();
      out.println("wrote " + json + (keep != null ? " and the ladder folder " + ladderDir : ""));
      return targets.stream().allMatch(TargetCheck::met) ? 0 : 3;
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }
}
