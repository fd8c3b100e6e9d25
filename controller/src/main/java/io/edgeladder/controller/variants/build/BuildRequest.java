package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.ladder.LadderPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link VariantBuild#run} builds.
 *
 * @param baseCard the base model's card ({@code model-card.json}; the model file is next to it)
 * @param validationDir labelled validation set (raw values; normalised with the card)
 * @param calibrationDir calibration windows for static quantization; {@code null} uses the validation set
 * @param calibrationWindows how many calibration windows (capped at the set's size), > 0
 * @param techniques the techniques to apply to the base, one variant each
 * @param imports ready-made variants (e.g. training-time ones) measured beside the built ones
 * @param policy accuracy budget and latency rule of the ladder
 * @param evaluation threads and runs of the latency measurement
 * @param outDir the ladder folder to create; must not exist
 * @param seed seed of the calibration window choice and of any randomised pass
 */
public record BuildRequest(Path baseCard, Path validationDir, Path calibrationDir, int calibrationWindows,
    List<Technique> techniques, List<Candidate> imports, LadderPolicy policy, EvaluationSettings evaluation,
    Path outDir, long seed) {

  public BuildRequest {
    if (baseCard == null) throw new IllegalArgumentException("variant build: base model card is missing");
    if (validationDir == null) throw new IllegalArgumentException("variant build: validation set folder is missing");
    if (outDir == null) throw new IllegalArgumentException("variant build: output folder is missing");
    if (calibrationWindows <= 0) {
      throw new IllegalArgumentException("variant build: calibrationWindows must be > 0 but was " + calibrationWindows);
    }
    if (policy == null || evaluation == null) {
      throw new IllegalArgumentException("variant build: ladder policy and evaluation settings are required");
    }
    techniques = techniques == null ? List.of() : List.copyOf(techniques);
    imports = imports == null ? List.of() : List.copyOf(imports);
    if (techniques.isEmpty() && imports.isEmpty()) {
      throw new IllegalArgumentException("variant build: give at least one technique or import");
    }
  }
}
