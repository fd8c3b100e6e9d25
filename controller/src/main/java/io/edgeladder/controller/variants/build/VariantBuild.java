package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.evaluate.Evaluator;
import io.edgeladder.controller.variants.evaluate.Metric;
import io.edgeladder.controller.variants.evaluate.ModelEvaluationException;
import io.edgeladder.controller.variants.evaluate.ValidationSet;
import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.ladder.LadderBuilder;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.passes.PassContext;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * {@code variants build}: applies each technique to the base model, measures the variants (and any
 * imports) beside the fp32 base and writes the ranked ladder.
 *
 * <p>Outcomes: a technique whose pass fails or changes nothing is a rejected entry with the reason (its
 * file is an empty placeholder), never a crash. The output folder appears atomically: everything is built
 * in a hidden sibling work folder ({@code .<out>.build-XXXX}) that is renamed to {@code outDir} when
 * complete and deleted in every case, so a failed or interrupted build leaves no output folder.
 *
 * <p>Threads: runs on the calling thread, one pass or model at a time; {@code progress} is called on it
 * with one line per step. Times come from the injected ticker (progress) and clock ({@code createdAt}).
 */
public final class VariantBuild {
  private final Clock clock;
  private final LongSupplier nanoTicker;
  private final Consumer<String> progress;

  private VariantBuild(Clock clock, LongSupplier nanoTicker, Consumer<String> progress) {
    this.clock = clock;
    this.nanoTicker = nanoTicker;
    this.progress = progress;
  }

  public static VariantBuild of(Clock clock, LongSupplier nanoTicker, Consumer<String> progress) {
    return new VariantBuild(clock, nanoTicker, progress);
  }

  /**
   * @throws FileAlreadyExistsException when {@code outDir} exists
   * @throws IOException when the card, base model, data sets or an import cannot be read, or the folder
   *     cannot be written (no output folder is left)
   * @throws ModelEvaluationException when the base model cannot be loaded or run
   */
  public BuildResult run(BuildRequest r) throws IOException, ModelEvaluationException {
    Path out = r.outDir().toAbsolutePath().normalize();
    if (Files.exists(out)) throw new FileAlreadyExistsException(out.toString(), null, "ladder output folder exists");
    ModelCard card = ModelCard.load(r.baseCard());
    Path basePath = card.modelPath(r.baseCard());
    OnnxModel base = OnnxIo.read(basePath);
    ValidationSet validation = ValidationSet.load(r.validationDir(), card);
    ValidationSet calibration = r.calibrationDir() == null ? validation : ValidationSet.load(r.calibrationDir(), card);
    PassContext ctx = new PassContext(
        calibration.calibrationInputs(Math.min(r.calibrationWindows(), calibration.size()), r.seed()), r.seed());
    Files.createDirectories(out.getParent());
    Path work = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".build-");
    try {
      Path variants = Files.createDirectory(work.resolve("variants"));
      TechniqueRunner runner = new TechniqueRunner(nanoTicker, progress);
      List<PassOutcome> outcomes = new ArrayList<>();
      List<Candidate> candidates = new ArrayList<>();
      int n = r.techniques().size();
      for (int i = 0; i < n; i++) {
        TechniqueRunner.Step step = runner.run(r.techniques().get(i), i + 1, n, base, ctx, variants);
        outcomes.add(step.outcome());
        candidates.add(step.candidate());
      }
      candidates.addAll(r.imports());
      LadderManifest manifest = measure(r, card, basePath, validation, candidates, outcomes, work.resolve("ladder"));
      Files.move(work.resolve("ladder"), out, StandardCopyOption.ATOMIC_MOVE);
      return new BuildResult(manifest, out, outcomes);
    } finally {
      deleteTree(work);
    }
  }

  private LadderManifest measure(BuildRequest r, ModelCard card, Path basePath, ValidationSet validation,
      List<Candidate> candidates, List<PassOutcome> outcomes, Path ladderDir) throws IOException,
      ModelEvaluationException {
    long start = nanoTicker.getAsLong();
    progress.accept(String.format(Locale.ROOT, "measuring fp32 reference on %d windows (%d timed runs, %d thread%s)",
        validation.size(), r.evaluation().timedRuns(), r.evaluation().intraOpThreads(),
        r.evaluation().intraOpThreads() == 1 ? "" : "s"));
    Evaluator evaluator = Evaluator.create(basePath, validation, r.evaluation(), List.of(Metric.macroF1()), nanoTicker);
    long[] last = {start};
    int[] done = {0};
    int total = candidates.size() + 1;
    LadderBuilder builder = LadderBuilder.of(evaluator, card, r.policy(), clock).onEvaluated(e -> {
      long now = nanoTicker.getAsLong();
      progress.accept(String.format(Locale.ROOT, "[eval %d/%d] %s … %.1f s  %s", ++done[0], total, e.id(),
          (now - last[0]) / 1e9, describe(e)));
      last[0] = now;
    });
    LadderManifest built = builder.build(Candidate.base(basePath, null), candidates, ladderDir);
    Map<String, String> reasons = new LinkedHashMap<>();
    outcomes.stream().filter(o -> !o.applied()).forEach(o -> reasons.put(o.id(), o.reason()));
    if (reasons.isEmpty()) return built;
    // The ladder builder saw an empty placeholder ("load failure"); the real reason is the pass's.
    List<VariantEntry> entries = built.variants().stream()
        .map(e -> reasons.containsKey(e.id()) ? e.reject(reasons.get(e.id())) : e).toList();
    LadderManifest manifest = new LadderManifest(built.schemaVersion(), built.model(), built.baseSha256(),
        built.createdAt(), built.referenceHost(), built.classes(), built.input(), built.output(), built.goldenInput(),
        entries);
    Files.write(ladderDir.resolve("ladder.json"), manifest.toJson());
    return manifest;
  }

  private static String describe(VariantEntry e) {
    if (e.accuracy() == null || e.latency() == null) return "not measured";
    return String.format(Locale.ROOT, "accuracy %.4f, p50 %.3f ms, %,d bytes", e.accuracy(), e.latency().p50Ms(),
        e.sizeBytes());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
