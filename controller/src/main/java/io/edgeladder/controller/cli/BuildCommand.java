package io.edgeladder.controller.cli;

import io.edgeladder.controller.variants.build.BuildRequest;
import io.edgeladder.controller.variants.build.Imports;
import io.edgeladder.controller.variants.build.BuildResult;
import io.edgeladder.controller.variants.build.Technique;
import io.edgeladder.controller.variants.build.TechniqueRegistry;
import io.edgeladder.controller.variants.build.VariantBuild;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.ladder.LadderPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code variants build}: applies techniques to a base model, measures every variant beside fp32 and writes
 * {@code ladder.json} plus the variant files into a new folder. Progress goes to stderr, the ladder table
 * to stdout. Exit codes: 0 built (rejected variants included), 1 failure (unreadable input, base model
 * fails), 2 usage error (unknown technique, bad option).
 */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build, measure and rank a variant ladder from a base model.")
public final class BuildCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--base", required = true, paramLabel = "CARD", description = "base model card (model-card.json)")
  private Path baseCard;

  @Option(names = "--validation", required = true, paramLabel = "DIR", description = "labelled validation set folder")
  private Path validation;

  @Option(names = "--calibration", paramLabel = "DIR",
      description = "calibration windows for static quantization (default: the validation set)")
  private Path calibration;

  @Option(names = "--calibration-windows", defaultValue = "64", description = "calibration windows (default: ${DEFAULT-VALUE})")
  private int calibrationWindows;

  @Option(names = "--techniques", split = ",", paramLabel = "SPEC",
      description = "techniques, comma-separated, e.g. int8-static,fp16,channel-prune:0.5+int8-static")
  private List<String> techniques = new ArrayList<>();

  @Option(names = "--import", paramLabel = "DIR",
      description = "folder of ready-made variants (<id>/model.onnx + model-card.json) to measure too")
  private Path importDir;

  @Option(names = "--accuracy-budget", defaultValue = "1.5",
      description = "largest top-1 accuracy drop vs fp32, in points (default: ${DEFAULT-VALUE})")
  private double accuracyBudget;

  @Option(names = "--max-latency-ratio", defaultValue = "1.0",
      description = "largest p50 latency vs fp32 (default: ${DEFAULT-VALUE}: not slower)")
  private double maxLatencyRatio;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "ladder folder to create (must not exist)")
  private Path out;

  @Option(names = "--threads", defaultValue = "1", description = "ORT intra-op threads for latency (default: ${DEFAULT-VALUE})")
  private int threads;

  @Option(names = "--warmup-runs", defaultValue = "200", description = "untimed runs per model (default: ${DEFAULT-VALUE})")
  private int warmupRuns;

  @Option(names = "--timed-runs", defaultValue = "2000", description = "timed runs per model (default: ${DEFAULT-VALUE})")
  private int timedRuns;

  @Option(names = "--seed", defaultValue = "1", description = "calibration sampling seed (default: ${DEFAULT-VALUE})")
  private long seed;

  @Override
  public Integer call() throws Exception {
    BuildRequest request = request();
    PrintWriter err = spec.commandLine().getErr();
    VariantBuild build = VariantBuild.of(Clock.systemUTC(), System::nanoTime, line -> {
      err.println(line);
      err.flush();
    });
    BuildResult result = build.run(request);
    PrintWriter out = spec.commandLine().getOut();
    LadderTable.print(out, result.manifest());
    out.println("wrote " + result.outDir().resolve("ladder.json"));
    out.flush();
    return 0;
  }

  /** Everything the command line says, checked before any work; all problems are reported together. */
  private BuildRequest request() {
    List<String> problems = new ArrayList<>();
    List<Technique> parsed = List.of();
    try {
      parsed = TechniqueRegistry.ofDefaults(Math.max(1, calibrationWindows)).parseAll(techniques);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<Candidate> imports = List.of();
    if (importDir != null) {
      try {
        imports = Imports.load(importDir, baseCard);
      } catch (Exception e) {
        problems.add("--import " + importDir + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    BuildRequest request = null;
    try {
      request = new BuildRequest(baseCard, validation, calibration, calibrationWindows, parsed, imports,
          new LadderPolicy(accuracyBudget, maxLatencyRatio, true),
          new EvaluationSettings(threads, warmupRuns, timedRuns, 0), out, seed);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    return request;
  }
}
