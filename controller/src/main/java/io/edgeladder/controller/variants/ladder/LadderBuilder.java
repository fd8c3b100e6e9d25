package io.edgeladder.controller.variants.ladder;

import io.edgeladder.controller.variants.evaluate.Evaluation;
import io.edgeladder.controller.variants.evaluate.Evaluator;
import io.edgeladder.controller.variants.evaluate.HostProbe;
import io.edgeladder.controller.variants.evaluate.ModelEvaluationException;
import io.edgeladder.controller.variants.evaluate.ModelFiles;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.GoldenInput;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Measures a base model and its candidate variants and writes the ladder: {@code ladder.json} plus every
 * variant's file (rejected ones too, so each entry's file resolves) in one output folder.
 *
 * <p>The folder appears atomically: it is built as {@code <out>.tmp-XXXX} and renamed when complete; on
 * any failure the temporary folder is deleted and no output folder exists. Each candidate is copied
 * into the temporary folder first and the copy is what gets measured, so the manifest's sha256 is that
 * of the shipped file. A candidate that cannot be read fails the build ({@link IOException}); one that
 * can be read but not loaded or run is kept as rejected ({@code load failure: ...}). Ranking and
 * rejection rules: {@link LadderRanking}. Runs on the calling thread, one model at a time.
 */
public final class LadderBuilder {
  private final Evaluator evaluator;
  private final ModelCard card;
  private final LadderPolicy policy;
  private final Clock clock;
  private final Consumer<VariantEntry> onEvaluated;

  private LadderBuilder(Evaluator evaluator, ModelCard card, LadderPolicy policy, Clock clock,
      Consumer<VariantEntry> onEvaluated) {
    this.evaluator = evaluator;
    this.card = card;
    this.policy = policy;
    this.clock = clock;
    this.onEvaluated = onEvaluated;
  }

  /**
   * @param evaluator an evaluator whose reference is the base model
   * @param card the base model's card (name, classes, input and output spec)
   * @param clock wall clock for {@code createdAt}
   */
  public static LadderBuilder of(Evaluator evaluator, ModelCard card, LadderPolicy policy, Clock clock) {
    return new LadderBuilder(evaluator, card, policy, clock, e -> {});
  }

  /** A builder that reports each entry (before ranking) to {@code listener}, e.g. for progress output. */
  public LadderBuilder onEvaluated(Consumer<VariantEntry> listener) {
    return new LadderBuilder(evaluator, card, policy, clock, listener);
  }

  /**
   * Evaluates, ranks and writes the ladder into {@code outDir}, which must not exist.
   *
   * @param base the fp32 base: the evaluator's reference file (checked by sha256), precision fp32
   * @param candidates the variants, each with a unique id
   * @return the manifest written as {@code outDir/ladder.json}
   * @throws java.nio.file.FileAlreadyExistsException when {@code outDir} exists
   * @throws IOException when a file cannot be read or the folder cannot be written (nothing is left behind)
   * @throws IllegalArgumentException when ids repeat or the base is not the evaluator's reference
   */
  public LadderManifest build(Candidate base, List<Candidate> candidates, Path outDir) throws IOException {
    checkCandidates(base, candidates);
    Evaluation reference = evaluator.reference();
    byte[] baseBytes = Files.readAllBytes(base.file());
    if (!ModelFiles.sha256(baseBytes).equals(reference.sha256())) {
      throw new IllegalArgumentException("ladder base " + base.file() + " has sha256 " + ModelFiles.sha256(baseBytes)
          + " but the evaluator's reference " + reference.file() + " has " + reference.sha256());
    }
    GoldenInput golden = evaluator.goldenInput();
    try (StagingFolder stage = StagingFolder.create(outDir)) {
      Files.write(stage.path().resolve(base.fileName()), baseBytes);
      VariantEntry baseEntry = VariantEntries.measured(base, baseBytes, reference, golden.id());
      onEvaluated.accept(baseEntry);
      List<VariantEntry> entries = new ArrayList<>();
      for (Candidate c : candidates) {
        byte[] bytes = Files.readAllBytes(c.file());
        Path staged = Files.write(stage.path().resolve(c.fileName()), bytes);
        VariantEntry entry;
        try {
          entry = VariantEntries.measured(c, bytes, evaluator.evaluate(staged), golden.id());
        } catch (ModelEvaluationException e) {
          entry = VariantEntries.failed(c, bytes, e.getMessage().replace(staged.toString(), c.file().toString()));
        }
        onEvaluated.accept(entry);
        entries.add(entry);
      }
      LadderManifest manifest = new LadderManifest(LadderManifest.SCHEMA_VERSION, card.name(), reference.sha256(),
          clock.instant().toString(), HostProbe.describe(evaluator.settings().intraOpThreads()), card.classes(),
          card.input(), card.output(), golden, LadderRanking.rank(baseEntry, entries, policy));
      Files.write(stage.path().resolve("ladder.json"), manifest.toJson());
      stage.commit();
      return manifest;
    }
  }

  private static void checkCandidates(Candidate base, List<Candidate> candidates) {
    if (base.precision() != Precision.FP32 || !base.techniques().isEmpty()) {
      throw new IllegalArgumentException("ladder base " + base.id() + " must be fp32 with no techniques but was "
          + base.precision().label() + " " + base.techniques());
    }
    Set<String> ids = new HashSet<>();
    ids.add(base.id());
    for (Candidate c : candidates) {
      if (!ids.add(c.id())) throw new IllegalArgumentException("ladder candidate id " + c.id() + " is not unique");
    }
  }
}
