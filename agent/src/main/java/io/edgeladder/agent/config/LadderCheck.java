package io.edgeladder.agent.config;

import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks a pipeline's {@code ladder:} at load time, so a bad manifest or variant file fails startup. */
final class LadderCheck {
  private LadderCheck() {}

  /** The ladder's accepted variant ids; empty when a problem was reported. */
  static List<String> ids(String path, Path manifest, Problems problems) {
    if (!Files.isRegularFile(manifest)) {
      problems.at(path, "points to a missing file: " + manifest);
      return List.of();
    }
    LadderManifest ladder;
    try {
      ladder = LadderManifest.read(manifest);
    } catch (IOException | RuntimeException e) {
      problems.at(path, "is not a valid ladder manifest: " + e.getMessage());
      return List.of();
    }
    if (ladder.accepted().isEmpty()) {
      problems.at(path, "has no accepted variant: " + manifest);
      return List.of();
    }
    Path folder = manifest.toAbsolutePath().getParent();
    for (VariantEntry v : ladder.accepted()) {
      Path file = folder.resolve(v.file()).normalize();
      if (!Files.isRegularFile(file)) {
        problems.at(path, "variant " + v.id() + " names file " + file + " which does not exist");
      }
    }
    return ladder.accepted().stream().map(VariantEntry::id).toList();
  }
}
