package io.edgeladder.agent.control;

import java.nio.file.Path;
import java.util.List;

/**
 * A release whose artifacts are all in the cache, with its ladder rewritten to point at them.
 *
 * @param releaseSha the release's sha256 ({@code models/{releaseSha}/manifest})
 * @param model base model name
 * @param ladderFile {@code {stateDir}/releases/{releaseSha}/ladder.json}
 * @param variantIds accepted rungs, in ladder order
 * @param artifacts sha256 of each rung's file (the cache keys it holds)
 */
record InstalledRelease(String releaseSha, String model, Path ladderFile, List<String> variantIds,
    List<String> artifacts) {
  InstalledRelease {
    variantIds = List.copyOf(variantIds);
    artifacts = List.copyOf(artifacts);
  }
}
