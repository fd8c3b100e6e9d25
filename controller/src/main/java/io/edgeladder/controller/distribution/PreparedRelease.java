package io.edgeladder.controller.distribution;

import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import java.nio.file.Path;
import java.util.Map;

/**
 * A signed release and where its artifact files are stored, ready to publish. Immutable.
 *
 * @param files artifact sha256 to its file in {@link io.edgeladder.controller.registry.ArtifactStore}
 * @param stored whether this call stored the release in the model registry (false: it was there already)
 */
record PreparedRelease(SignedRelease signed, Release release, Map<String, Path> files, boolean stored) {
  PreparedRelease {
    files = Map.copyOf(files);
  }

  String releaseSha() {
    return signed.releaseSha();
  }
}
