package io.edgeladder.controller.variants.ladder;

import io.edgeladder.protocol.ladder.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A model file offered to the ladder, with what its producer claims about it.
 *
 * @param id variant id, also its file name in the output folder ({@code <id>.onnx}): lower-case letters,
 *     digits, {@code . _ -}
 * @param file the ONNX file
 * @param precision the precision its producer applied
 * @param techniques the technique chain its producer applied, in order (empty for the base)
 * @param macs multiply-accumulates per inference as its producer counted them; {@code null} lets the
 *     builder count them with the graph IR ({@code ModelStats})
 */
public record Candidate(String id, Path file, Precision precision, List<String> techniques, Long macs) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Candidate {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "ladder candidate id must match " + ID.pattern() + " (it names the output file) but was " + id);
    }
    if (file == null) throw new IllegalArgumentException("ladder candidate " + id + " file is missing");
    if (precision == null) throw new IllegalArgumentException("ladder candidate " + id + " precision is missing");
    techniques = techniques == null ? List.of() : List.copyOf(techniques);
    if (macs != null && macs < 0) {
      throw new IllegalArgumentException("ladder candidate " + id + " macs must be >= 0 but was " + macs);
    }
  }

  /** The fp32 base model: id {@code fp32}, no techniques. */
  public static Candidate base(Path file, Long macs) {
    return new Candidate("fp32", file, Precision.FP32, List.of(), macs);
  }

  /** The file name this candidate gets in the output folder. */
  public String fileName() {
    return id + ".onnx";
  }
}
