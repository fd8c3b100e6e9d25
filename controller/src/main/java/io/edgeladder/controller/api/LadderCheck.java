package io.edgeladder.controller.api;

import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a ladder folder named by {@code POST /releases} before it is published, so that what the request
 * got wrong is a 400 naming {@code path} and only broker trouble is left for the publish itself: the folder
 * holds a readable {@code ladder.json} with at least one accepted variant, and every accepted variant's
 * file exists with the ladder's size and sha256. Stateless; blocking file I/O (worker threads only).
 */
final class LadderCheck {
  private LadderCheck() {}

  /** @throws ApiException 400 {@code invalid_ladder} on field {@code path} */
  static LadderManifest check(Path folder) {
    if (!Files.isDirectory(folder)) throw invalid(folder + " is not a directory on the controller host");
    Path file = folder.resolve("ladder.json");
    if (!Files.isRegularFile(file)) throw invalid(folder + " holds no ladder.json (run `variants build` first)");
    LadderManifest ladder;
    try {
      ladder = LadderManifest.read(file);
    } catch (IOException | RuntimeException e) {
      throw invalid(e.getMessage());
    }
    if (ladder.accepted().isEmpty()) throw invalid(file + " has no accepted variant");
    for (VariantEntry v : ladder.accepted()) {
      Path source = folder.resolve(v.file()).normalize();
      String at = file + ": variant " + v.id() + ": ";
      try {
        if (!Files.isRegularFile(source)) throw invalid(at + "file " + source + " does not exist");
        long size = Files.size(source);
        if (size != v.sizeBytes()) {
          throw invalid(at + source + " has " + size + " bytes, the ladder says " + v.sizeBytes());
        }
        String sha = Sha256.hex(source);
        if (!sha.equals(v.sha256())) {
          throw invalid(at + source + " hashes to " + sha + ", the ladder says " + v.sha256());
        }
      } catch (IOException e) {
        throw invalid(at + "cannot read " + source + ": " + e.getMessage());
      }
    }
    return ladder;
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest("invalid_ladder", "path", message);
  }
}
