package io.edgeladder.controller.variants.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.controller.variants.evaluate.ModelFiles;
import io.edgeladder.controller.variants.onnx.OnnxFormatException;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A variant made outside the builder, e.g. at training time by {@code models/recipes/variants.py}
 * (distillation, quantization-aware training, fine-tuned channel pruning), imported into the ladder as a
 * {@link Candidate}. Its folder holds {@code model-card.json} (the base card's schema plus {@code technique},
 * {@code baseModel} and {@code precision}) and the ONNX file the card names.
 *
 * <p>The ladder then measures the file like any other candidate; the card's own figures are kept here
 * ({@link #cardAccuracy()}) so callers can compare what the recipe claimed with what the evaluator measured.
 *
 * @param candidate the ladder candidate: id = card name without the base's {@code <base>-} prefix, precision and
 *     technique chain ({@code technique} split at {@code +}) from the card, MACs as the card counts them
 * @param card the variant's card
 * @param technique the card's technique, e.g. {@code channel-prune:0.5+fine-tune}
 * @param cardAccuracy the card's {@code metrics.validationAccuracy}, in [0, 1]
 */
public record ExternalVariant(Candidate candidate, ModelCard card, String technique, double cardAccuracy) {
  static final String CARD = "model-card.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ExternalVariant {
    if (candidate == null || card == null || technique == null || technique.isBlank()) {
      throw new IllegalArgumentException("external variant lacks candidate, card or technique: " + candidate);
    }
    if (!(cardAccuracy >= 0 && cardAccuracy <= 1)) {
      throw new IllegalArgumentException("external variant " + candidate.id()
          + " card accuracy must be in [0, 1] but was " + cardAccuracy);
    }
  }

  /**
   * Reads {@code folder/model-card.json} and checks it against the base: {@code baseModel} names the base, the
   * file's sha256 matches the card, classes, input (name, shape, layout, channels, sample rate, window, hop,
   * normalisation mean and std) and output (name, shape, kind) equal the base card's, and the ONNX graph's own
   * input and output names and shapes equal the card's.
   *
   * @throws ExternalVariantException listing every problem, naming the folder and the bad values
   * @throws IOException when the folder's files cannot be read
   */
  public static ExternalVariant load(Path folder, ModelCard base) throws IOException {
    Path cardFile = folder.resolve(CARD);
    if (!Files.isRegularFile(cardFile)) {
      throw new ExternalVariantException("external variant " + folder + ": no " + CARD);
    }
    ModelCard card;
    JsonNode extra;
    try {
      card = ModelCard.load(cardFile);
      extra = JSON.readTree(cardFile.toFile());
    } catch (IOException e) {
      throw new ExternalVariantException("external variant " + folder + ": " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    String technique = extra.path("technique").asText("");
    if (technique.isBlank()) problems.add("technique is missing");
    String baseModel = extra.path("baseModel").asText("");
    if (!baseModel.equals(base.name())) {
      problems.add("baseModel must be " + base.name() + " but was " + (baseModel.isEmpty() ? "missing" : baseModel));
    }
    Precision precision = null;
    try {
      precision = Precision.of(extra.path("precision").asText("missing"));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Object accuracy = card.metrics().get("validationAccuracy");
    if (!(accuracy instanceof Number)) problems.add("metrics.validationAccuracy is missing");
    problems.addAll(ExternalVariants.specProblems(card, base));
    Path file = card.modelPath(cardFile);
    if (!Files.isRegularFile(file)) {
      problems.add("model file " + card.file() + " does not exist");
    } else {
      byte[] bytes = Files.readAllBytes(file);
      String sha256 = ModelFiles.sha256(bytes);
      if (!sha256.equalsIgnoreCase(String.valueOf(card.sha256()))) {
        problems.add("model file " + card.file() + " has sha256 " + sha256 + " but the card says " + card.sha256());
      }
      try {
        problems.addAll(ExternalVariants.graphProblems(OnnxIo.read(bytes, file.toString()), card));
      } catch (OnnxFormatException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ExternalVariantException("external variant " + folder + " (" + card.name() + ") cannot join the "
          + base.name() + " ladder: " + String.join("; ", problems));
    }
    Object macs = card.metrics().get("macs");
    Candidate candidate = new Candidate(idOf(card.name(), base.name()), file, precision,
        Arrays.asList(technique.split("\\+")), macs instanceof Number n ? n.longValue() : null);
    return new ExternalVariant(candidate, card, technique, ((Number) accuracy).doubleValue());
  }

  /** Loads every sub-folder of {@code root} that holds a card, in name order. */
  public static List<ExternalVariant> loadAll(Path root, ModelCard base) throws IOException {
    List<ExternalVariant> out = new ArrayList<>();
    try (var dirs = Files.list(root)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(CARD))).sorted().toList()) {
        out.add(load(dir, base));
      }
    }
    return out;
  }

  private static String idOf(String name, String baseName) {
    String prefix = baseName + "-";
    return name.startsWith(prefix) && name.length() > prefix.length() ? name.substring(prefix.length()) : name;
  }
}
