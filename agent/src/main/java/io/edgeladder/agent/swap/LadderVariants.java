package io.edgeladder.agent.swap;

import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The swappable variants of one ladder on disk: resolves a variant id (what the policy asks for) to the
 * {@link VariantSpec} the swap manager checks. Immutable, thread-safe.
 */
public final class LadderVariants {
  private final LadderManifest ladder;
  private final Path folder;
  private final float tolerance;

  private LadderVariants(LadderManifest ladder, Path folder, float tolerance) {
    this.ladder = ladder;
    this.folder = folder;
    this.tolerance = tolerance;
  }

  /** The ladder {@code manifest}, whose variant files sit in {@code folder}. */
  public static LadderVariants of(LadderManifest manifest, Path folder, float tolerance) {
    return new LadderVariants(manifest, folder, tolerance);
  }

  /**
   * Reads {@code manifestFile}; variant files are resolved next to it.
   *
   * @throws IOException when the manifest cannot be read or parsed (the message names the file)
   */
  public static LadderVariants read(Path manifestFile, float tolerance) throws IOException {
    Path folder = manifestFile.toAbsolutePath().getParent();
    return new LadderVariants(LadderManifest.read(manifestFile), folder, tolerance);
  }

  /**
   * The spec of {@code variantId}.
   *
   * @throws IllegalArgumentException when the ladder has no such variant, it was rejected by the builder,
   *     or it has no golden output (the message names the ladder and the variant)
   */
  public VariantSpec spec(String variantId) {
    VariantEntry e = ladder.variants().stream().filter(v -> v.id().equals(variantId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("ladder " + ladder.model() + " has no variant "
            + variantId + "; accepted: " + ids()));
    if (!e.accepted()) {
      throw new IllegalArgumentException("ladder " + ladder.model() + ": variant " + variantId
          + " was rejected by the builder: " + e.rejectReason());
    }
    return VariantSpec.fromManifest(ladder, folder, variantId, tolerance);
  }

  /** Accepted variant ids, in ladder order. */
  public List<String> ids() {
    return ladder.accepted().stream().map(VariantEntry::id).toList();
  }

  public LadderManifest manifest() {
    return ladder;
  }
}
