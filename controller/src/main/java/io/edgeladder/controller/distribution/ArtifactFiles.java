package io.edgeladder.controller.distribution;

import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A content-addressed folder of variant files, {@code {root}/{sha256}.onnx}: what the controller publishes
 * chunks from, so a release stays publishable after its ladder folder is gone. A file is copied in under a
 * temporary name, checked against its sha256 and renamed, so a stored file always matches its name.
 *
 * <p>The minimal artifact store the distribution needs until the store module has one. Thread-safe: puts of
 * the same content race harmlessly (same bytes, atomic rename).
 */
public final class ArtifactFiles {
  private final Path root;

  private ArtifactFiles(Path root) {
    this.root = root;
  }

  /** @throws IOException when the folder cannot be created */
  public static ArtifactFiles open(Path root) throws IOException {
    Files.createDirectories(root);
    return new ArtifactFiles(root);
  }

  /**
   * Stores {@code source} under {@code sha256} unless already stored.
   *
   * @return the stored file
   * @throws DistributionException when the source does not hash to {@code sha256}
   * @throws IOException when reading or writing fails
   */
  public Path put(Path source, String sha256) throws IOException, DistributionException {
    Path target = path(sha256);
    if (Files.isRegularFile(target)) return target;
    Path tmp = Files.createTempFile(root, sha256, ".tmp");
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      String actual = Sha256.hex(tmp);
      if (!actual.equals(sha256)) {
        throw new DistributionException(source + " hashes to " + actual + ", expected " + sha256);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /** The stored file of {@code sha256}, if present. */
  public Optional<Path> find(String sha256) {
    Path p = path(sha256);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private Path path(String sha256) {
    return root.resolve(Topics.sha("artifact", sha256) + ".onnx");
  }
}
