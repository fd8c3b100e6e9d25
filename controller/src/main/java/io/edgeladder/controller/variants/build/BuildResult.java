package io.edgeladder.controller.variants.build;

import io.edgeladder.protocol.ladder.LadderManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished build.
 *
 * @param manifest the manifest written as {@code outDir/ladder.json}
 * @param outDir the ladder folder
 * @param passes what each technique did, in request order
 */
public record BuildResult(LadderManifest manifest, Path outDir, List<PassOutcome> passes) {

  public BuildResult {
    passes = List.copyOf(passes);
  }
}
