package io.edgeladder.demo;

import io.edgeladder.controller.variants.build.BuildRequest;
import io.edgeladder.controller.variants.build.BuildResult;
import io.edgeladder.controller.variants.build.Imports;
import io.edgeladder.controller.variants.build.TechniqueRegistry;
import io.edgeladder.controller.variants.build.VariantBuild;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.ladder.LadderPolicy;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.simulator.DatasetSpec;
import io.edgeladder.simulator.DatasetWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The fleet demo's ladder, built at start by the controller's variant builder (the {@code variants build}
 * code path) like demo/scripts/build-demo-ladder.sh does: a noisy held-out set written by the simulator's
 * {@link DatasetWriter} (noise 0.5-1.5 m/s², seed 1002, 100 windows per class), int8 static quantization of the
 * base model plus the training-time variants of {@code models/variants}, a 5-point accuracy budget. Latency
 * is measured with fewer runs than the CLI's default to keep the start short. Called on one thread.
 */
final class DemoLadder {
  static final List<String> TECHNIQUES = List.of("int8-static");
  static final double ACCURACY_BUDGET_POINTS = 5;

  private DemoLadder() {}

  /**
   * Builds the ladder into {@code work/ladder}.
   *
   * @param repo the repository root (models/ under it)
   * @param progress one line per step
   */
  static BuildResult build(Path repo, Path work, Consumer<String> progress) throws Exception {
    Path heldOut = work.resolve("held-out");
    new DatasetWriter(new DatasetSpec(100, 1024, 10_000, 1002, 15, 45, 0.5, 1.5, 8, 4)).write(heldOut);
    progress.accept("held-out set: 500 windows at sensor noise 0.5-1.5 m/s2 (seed 1002)");
    Path base = repo.resolve("models/vibration-cnn/model-card.json");
    BuildRequest request = new BuildRequest(base, heldOut, null, 64,
        TechniqueRegistry.ofDefaults(64).parseAll(TECHNIQUES),
        Imports.load(repo.resolve("models/variants"), base),
        new LadderPolicy(ACCURACY_BUDGET_POINTS, 1.0, true), new EvaluationSettings(1, 50, 300, 0),
        work.resolve("ladder"), 1);
    BuildResult result = VariantBuild.of(Clock.systemUTC(), System::nanoTime, progress).run(request);
    StringBuilder rungs = new StringBuilder();
    for (VariantEntry v : result.manifest().accepted()) {
      rungs.append(rungs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f %%", v.id(),
          100 * v.accuracy()));
    }
    progress.accept("ladder: " + result.manifest().accepted().size() + " rungs (" + rungs + ") of "
        + result.manifest().variants().size() + " variants measured");
    return result;
  }
}
