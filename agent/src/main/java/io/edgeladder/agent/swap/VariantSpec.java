package io.edgeladder.agent.swap;

import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What to swap in: a model file, the sha256 it must have, and the golden check it must pass.
 *
 * @param id variant id the results will carry, e.g. {@code int8-static}
 * @param file the ONNX file
 * @param sha256 expected hex sha256 of the file (lower case)
 * @param goldenInput normalised input in tensor order
 * @param goldenOutput raw output expected for {@code goldenInput}
 * @param tolerance allowed difference per output element, {@code >= 0}: absolute for values within
 *     [-1, 1], relative ({@code tolerance * |expected|}) beyond, so large logits are not held to a
 *     tighter bound than small ones
 */
public record VariantSpec(
    String id, Path file, String sha256, float[] goldenInput, float[] goldenOutput, float tolerance) {

  public VariantSpec {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("variant id must be set but was '" + id + "'");
    if (file == null) throw new IllegalArgumentException("variant " + id + ": file must be set");
    if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("variant " + id + ": sha256 must be 64 hex digits but was " + sha256);
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (goldenInput == null || goldenInput.length == 0) {
      throw new IllegalArgumentException("variant " + id + ": goldenInput must be set");
    }
    if (goldenOutput == null || goldenOutput.length == 0) {
      throw new IllegalArgumentException("variant " + id + ": goldenOutput must be set");
    }
    if (!(tolerance >= 0) || Float.isInfinite(tolerance)) {
      throw new IllegalArgumentException("variant " + id + ": tolerance must be >= 0 and finite but was " + tolerance);
    }
    goldenInput = goldenInput.clone();
    goldenOutput = goldenOutput.clone();
  }

  /**
   * The spec of {@code variantId} in a ladder whose files sit in {@code folder}.
   *
   * @throws IllegalArgumentException when the ladder has no such variant, or it has no golden output
   */
  public static VariantSpec fromManifest(LadderManifest ladder, Path folder, String variantId, float tolerance) {
    VariantEntry e = ladder.variants().stream().filter(v -> v.id().equals(variantId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("ladder " + ladder.model() + " has no variant " + variantId));
    if (e.golden() == null) {
      throw new IllegalArgumentException("ladder " + ladder.model() + ": variant " + variantId + " has no golden output");
    }
    return new VariantSpec(e.id(), folder.resolve(e.file()), e.sha256(), ladder.goldenInput().values(),
        e.golden().output(), tolerance);
  }

  @Override
  public float[] goldenInput() {
    return goldenInput.clone();
  }

  @Override
  public float[] goldenOutput() {
    return goldenOutput.clone();
  }

  @Override
  public String toString() {
    return "VariantSpec[id=" + id + ", file=" + file + ", sha256=" + sha256 + ", tolerance=" + tolerance + "]";
  }
}
