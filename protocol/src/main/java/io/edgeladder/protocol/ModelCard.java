package io.edgeladder.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a model expects and what it was measured to do: the contract between {@code models/} and the
 * agent. Written by the training recipe as {@code model-card.json} next to the ONNX file.
 *
 * @param name model name, e.g. {@code vibration-cnn}
 * @param version model version
 * @param file ONNX file name, relative to the card's folder
 * @param sha256 hex sha256 of the ONNX file
 * @param classes class labels, index-aligned with the output
 * @param input input tensor spec, windowing and normalisation
 * @param output output tensor spec
 * @param metrics measured figures (validation accuracy, parameters, MACs, size)
 * @param training how it was trained (free-form)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
    String name,
    String version,
    String file,
    String sha256,
    List<String> classes,
    Input input,
    Output output,
    Map<String, Object> metrics,
    Map<String, Object> training) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public ModelCard {
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank()) problems.add("name is missing");
    if (file == null || file.isBlank()) problems.add("file is missing");
    if (classes == null || classes.isEmpty()) problems.add("classes is missing or empty");
    else if (nullAt(classes) >= 0) problems.add("classes[" + nullAt(classes) + "] is null");
    if (input == null) problems.add("input is missing");
    if (output == null) problems.add("output is missing");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("model card " + name + ": " + String.join("; ", problems));
    }
    classes = List.copyOf(classes);
    metrics = withoutNulls(metrics);
    training = withoutNulls(training);
  }

  /**
   * Input tensor and how windows are cut and normalised for it.
   *
   * @param name ONNX input name
   * @param shape tensor shape, {@code [1, channels, windowSize]} for layout {@code NCW}
   * @param layout {@code NCW}: channel-first
   * @param channels channel names in tensor order, e.g. {@code [x, y, z]}
   * @param sampleRateHz sample rate the model was trained at
   * @param windowSize samples per window
   * @param hop samples between window starts
   * @param normalization per-channel mean and std: the model sees {@code (x - mean) / std}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(
      String name,
      long[] shape,
      String layout,
      List<String> channels,
      int sampleRateHz,
      int windowSize,
      int hop,
      Normalization normalization) {
    public Input {
      if (channels == null || channels.isEmpty()) {
        throw new IllegalArgumentException("model card input.channels is missing");
      }
      if (windowSize <= 0) {
        throw new IllegalArgumentException("model card input.windowSize must be > 0 but was " + windowSize);
      }
      if (nullAt(channels) >= 0) {
        throw new IllegalArgumentException("model card input.channels[" + nullAt(channels) + "] is null");
      }
      channels = List.copyOf(channels);
    }
  }

  /** Per-channel {@code (x - mean) / std}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Normalization(float[] mean, float[] std) {}

  /**
   * @param name ONNX output name
   * @param shape tensor shape, {@code [1, classes]}
   * @param kind {@code logits} (the agent applies softmax) or {@code probabilities}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Output(String name, long[] shape, String kind) {}

  /** Index of the first null element, or -1 (List.contains(null) throws on immutable lists). */
  private static int nullAt(List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) return i;
    }
    return -1;
  }

  /** Free-form facts: a null value says nothing, so it is dropped (Map.copyOf would throw an NPE). */
  private static Map<String, Object> withoutNulls(Map<String, Object> facts) {
    if (facts == null) return Map.of();
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    facts.forEach((k, v) -> {
      if (k != null && v != null) out.put(k, v);
    });
    return Map.copyOf(out);
  }

  /** Path of the ONNX file this card describes. */
  public Path modelPath(Path cardFile) {
    Path dir = cardFile.toAbsolutePath().getParent();
    return dir.resolve(file);
  }

  /**
   * Reads a card.
   *
   * @throws IOException when the file cannot be read or is not a valid card (the message names the file)
   */
  public static ModelCard load(Path cardFile) throws IOException {
    ModelCard card;
    try {
      card = JSON.readValue(Files.readAllBytes(cardFile), ModelCard.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read model card " + cardFile + ": " + e.getMessage(), e);
    }
    if (card == null) throw new IOException("cannot read model card " + cardFile + ": the file is JSON null");
    return card;
  }
}
