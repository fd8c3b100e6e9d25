package io.edgeladder.protocol.ladder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A variant ladder ({@code ladder.json}): the variants of one base model, measured on a reference host.
 *
 * <p>Order is meaning: accepted variants come first, from the most accurate (and slowest) rung down to
 * the fastest; accuracy never increases down the accepted rungs. Rejected variants follow, each with its
 * reason, so nothing the builder produced is silently dropped.
 *
 * @param schemaVersion manifest format version, currently {@value #SCHEMA_VERSION}
 * @param model base model name
 * @param baseSha256 hex sha256 of the fp32 base ONNX file the variants derive from
 * @param createdAt ISO-8601 instant, e.g. {@code 2025-01-31T12:00:00Z}
 * @param referenceHost where latencies were measured
 * @param classes class labels, index-aligned with the output
 * @param input input spec (same as the base model card's)
 * @param output output spec (same as the base model card's)
 * @param goldenInput the input every variant's {@link Golden} output was computed from
 * @param variants accepted rungs in ladder order, then rejected variants
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LadderManifest(
    int schemaVersion,
    String model,
    String baseSha256,
    String createdAt,
    ReferenceHost referenceHost,
    List<String> classes,
    ModelCard.Input input,
    ModelCard.Output output,
    GoldenInput goldenInput,
    List<VariantEntry> variants) {

  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public LadderManifest {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "ladder schemaVersion must be " + SCHEMA_VERSION + " but was " + schemaVersion);
    }
    Checks.text("model", model);
    Checks.sha256("baseSha256", baseSha256);
    Checks.text("createdAt", createdAt);
    try {
      Instant.parse(createdAt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("ladder createdAt must be an ISO-8601 instant but was " + createdAt, e);
    }
    if (referenceHost == null) throw new IllegalArgumentException("ladder referenceHost is missing");
    if (classes == null || classes.isEmpty()) throw new IllegalArgumentException("ladder classes is missing or empty");
    classes = Checks.list("classes", classes);
    if (input == null) throw new IllegalArgumentException("ladder input is missing");
    if (output == null) throw new IllegalArgumentException("ladder output is missing");
    if (goldenInput == null) throw new IllegalArgumentException("ladder goldenInput is missing");
    if (variants == null || variants.isEmpty()) throw new IllegalArgumentException("ladder variants is missing or empty");
    variants = Checks.list("variants", variants);
    checkVariants(variants, goldenInput.id());
  }

  private static void checkVariants(List<VariantEntry> variants, String goldenId) {
    Set<String> ids = new HashSet<>();
    Set<String> files = new HashSet<>();
    VariantEntry previousAccepted = null;
    boolean seenRejected = false;
    for (VariantEntry v : variants) {
      if (v == null) throw new IllegalArgumentException("ladder variants holds a null entry");
      if (!ids.add(v.id())) throw new IllegalArgumentException("ladder variant id " + v.id() + " is not unique");
      if (!files.add(v.file())) {
        throw new IllegalArgumentException("ladder variant " + v.id() + " file " + v.file() + " is not unique");
      }
      if (v.golden() != null && !v.golden().input().equals(goldenId)) {
        throw new IllegalArgumentException("ladder variant " + v.id() + " golden.input must be " + goldenId
            + " but was " + v.golden().input());
      }
      if (!v.accepted()) {
        seenRejected = true;
        continue;
      }
      if (seenRejected) {
        throw new IllegalArgumentException("ladder variant " + v.id() + " is accepted but listed after a rejected one");
      }
      if (previousAccepted != null && v.accuracy() > previousAccepted.accuracy()) {
        throw new IllegalArgumentException("ladder variant " + v.id() + " (accuracy " + v.accuracy()
            + ") is ranked below " + previousAccepted.id() + " (accuracy " + previousAccepted.accuracy() + ")");
      }
      previousAccepted = v;
    }
    if (previousAccepted == null) throw new IllegalArgumentException("ladder has no accepted variant");
  }

  /** The accepted rungs, in ladder order. */
  public List<VariantEntry> accepted() {
    return variants.stream().filter(VariantEntry::accepted).toList();
  }

  /** Pretty-printed JSON (UTF-8). */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses and validates a manifest.
   *
   * @throws IOException when the payload is not JSON or not a valid manifest (the message says why)
   */
  public static LadderManifest parse(byte[] json) throws IOException {
    LadderManifest m;
    try {
      m = JSON.readValue(json, LadderManifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("invalid ladder manifest: " + rootMessage(e), e);
    }
    if (m == null) throw new IOException("invalid ladder manifest: payload is JSON null");
    return m;
  }

  /**
   * Reads and validates {@code ladder.json}.
   *
   * @throws IOException when the file cannot be read or is not a valid manifest (the message names the file)
   */
  public static LadderManifest read(Path file) throws IOException {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t instanceof IllegalArgumentException ? t.getMessage() : e.getMessage();
  }
}
