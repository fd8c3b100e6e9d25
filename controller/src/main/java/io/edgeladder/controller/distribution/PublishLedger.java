package io.edgeladder.controller.distribution;

import io.edgeladder.protocol.Topics;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this controller has fully published as retained messages: one empty marker file per release
 * ({@code release-{sha}}) and per artifact ({@code artifact-{sha}}), written only after the broker
 * acknowledged every message, removed on retire. It makes a second publish of the same release a no-op, and
 * lets a new release skip the chunks of artifacts an earlier release already put on the broker.
 *
 * <p>Lives beside the database rather than in it because it describes the broker's retained store, not the
 * registry (a broker with in-memory retention forgets it: publish with {@code force}). Not thread-safe:
 * {@link ReleasePublisher} serialises its use.
 */
final class PublishLedger {
  private static final String RELEASE = "release-";
  private static final String ARTIFACT = "artifact-";

  private final Path root;

  PublishLedger(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  boolean releasePublished(String sha) {
    return Files.exists(marker(RELEASE, sha));
  }

  boolean artifactPublished(String sha) {
    return Files.exists(marker(ARTIFACT, sha));
  }

  void markRelease(String sha) throws IOException {
    touch(marker(RELEASE, sha));
  }

  void markArtifact(String sha) throws IOException {
    touch(marker(ARTIFACT, sha));
  }

  void clearRelease(String sha) throws IOException {
    Files.deleteIfExists(marker(RELEASE, sha));
  }

  void clearArtifact(String sha) throws IOException {
    Files.deleteIfExists(marker(ARTIFACT, sha));
  }

  /** Shas of every release marked published. */
  List<String> publishedReleases() throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(root, RELEASE + "*")) {
      for (Path f : files) out.add(f.getFileName().toString().substring(RELEASE.length()));
    }
    return out;
  }

  private Path marker(String kind, String sha) {
    return root.resolve(kind + Topics.sha(kind.substring(0, kind.length() - 1), sha));
  }

  private static void touch(Path p) throws IOException {
    if (!Files.exists(p)) Files.createFile(p);
  }
}
