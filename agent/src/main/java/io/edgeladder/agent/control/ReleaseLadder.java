package io.edgeladder.agent.control;

import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ladder of an installed release on disk: {@code {releases}/{releaseSha}/ladder.json}, the release's
 * accepted rungs with each {@code file} pointing at its artifact in the cache (a relative path, so the state
 * folder can move). Rejected rungs are left out: the release carries no file for them.
 *
 * <p>Stateless; called on the control thread.
 */
final class ReleaseLadder {
  private ReleaseLadder() {}

  static Path fileOf(Path releasesDir, String releaseSha) {
    return releasesDir.resolve(releaseSha).resolve("ladder.json");
  }

  /**
   * Writes the ladder of a verified release whose artifacts are all cached (temporary file, then rename).
   *
   * @throws IOException when it cannot be written, or the rewritten ladder is invalid (the message says why)
   */
  static InstalledRelease write(Path releasesDir, String releaseSha, Release release, ArtifactCache cache)
      throws IOException {
    Path file = fileOf(releasesDir, releaseSha);
    Path dir = file.getParent();
    Files.createDirectories(dir);
    List<VariantEntry> rungs = new ArrayList<>();
    for (VariantEntry v : release.ladder().accepted()) {
      String rel = dir.toAbsolutePath().relativize(cache.pathOf(v.sha256()).toAbsolutePath()).toString();
      rungs.add(new VariantEntry(v.id(), rel, v.sha256(), v.sizeBytes(), v.compressedSizeBytes(), v.precision(),
          v.techniques(), v.accuracy(), v.metrics(), v.agreement(), v.latency(), v.macs(), v.parameters(),
          v.nonZeroParameters(), v.status(), v.rejectReason(), v.golden()));
    }
    LadderManifest l = release.ladder();
    LadderManifest installed;
    try {
      installed = new LadderManifest(l.schemaVersion(), l.model(), l.baseSha256(), l.createdAt(), l.referenceHost(),
          l.classes(), l.input(), l.output(), l.goldenInput(), rungs);
    } catch (IllegalArgumentException e) {
      throw new IOException("release " + releaseSha + ": its ladder cannot be installed: " + e.getMessage(), e);
    }
    Path tmp = dir.resolve("ladder.json.tmp");
    Files.write(tmp, installed.toJson());
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return of(releaseSha, installed, file);
  }

  /**
   * The release installed earlier, if its ladder is on disk and every artifact it names is still cached.
   *
   * @throws IOException when the ladder exists but cannot be read
   */
  static Optional<InstalledRelease> read(Path releasesDir, String releaseSha, ArtifactCache cache) throws IOException {
    Path file = fileOf(releasesDir, releaseSha);
    if (!Files.isRegularFile(file)) return Optional.empty();
    InstalledRelease r = of(releaseSha, LadderManifest.read(file), file);
    return r.artifacts().stream().allMatch(cache::contains) ? Optional.of(r) : Optional.empty();
  }

  private static InstalledRelease of(String releaseSha, LadderManifest ladder, Path file) {
    List<VariantEntry> rungs = ladder.accepted();
    return new InstalledRelease(releaseSha, ladder.model(), file, rungs.stream().map(VariantEntry::id).toList(),
        rungs.stream().map(VariantEntry::sha256).toList());
  }
}
