package io.edgeladder.controller.registry;

import io.edgeladder.controller.store.Require;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Content-addressed artifact files: {@code {root}/{sha[0..2]}/{sha}}, where {@code sha} is the
 * sha256 of the file's bytes (64 lower-case hex digits). A put streams into a temp file under
 * {@code {root}/tmp} while hashing, forces it to disk and publishes it with one atomic rename, so a
 * reader never sees a partial artifact and a crash leaves at most a temp file (removed by the next
 * {@link #open}).
 *
 * <p>Thread-safe: concurrent puts of the same content each write their own temp file and the
 * renames replace each other with identical bytes. One instance per root per process owns the
 * {@code tmp} directory. Every sha argument is validated; a bad one is an {@link
 * IllegalArgumentException} that quotes it.
 */
public final class ArtifactStore {
  private static final Pattern SHA_FILE = Pattern.compile("[0-9a-f]{64}");

  private final Path root;
  private final Path tmp;

  private ArtifactStore(Path root) {
    this.root = root;
    this.tmp = root.resolve("tmp");
  }

  /**
   * Opens (creating) the store at {@code root}, e.g. {@code {dataDir}/artifacts}, and deletes temp
   * files a previous process left behind.
   */
  public static ArtifactStore open(Path root) throws IOException {
    ArtifactStore store = new ArtifactStore(root.toAbsolutePath());
    Files.createDirectories(store.tmp);
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(store.tmp)) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
      }
    }
    return store;
  }

  /** Stores the bytes of {@code in} (read to the end, not closed) under their sha256. Idempotent. */
  public StoredArtifact put(InputStream in) throws IOException {
    return put(in, null);
  }

  /**
   * Stores the bytes of {@code in} only if they hash to {@code expectedSha256}.
   *
   * @throws ArtifactIntegrityException if they hash to something else; nothing is stored
   */
  public StoredArtifact put(InputStream in, String expectedSha256) throws IOException {
    if (expectedSha256 != null) {
      Require.sha256("expected artifact sha256", expectedSha256);
    }
    Path part = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      StoredArtifact written = Sha256Copy.copy(in, part);
      if (expectedSha256 != null && !expectedSha256.equals(written.sha256())) {
        throw new ArtifactIntegrityException("artifact bytes hash to " + written.sha256()
            + " but " + expectedSha256 + " was expected (" + written.size() + " bytes)");
      }
      Path target = path(written.sha256());
      Files.createDirectories(target.getParent());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(target.getParent());
      return written;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** The stored artifact with this sha, empty when absent. */
  public Optional<StoredArtifact> find(String sha256) throws IOException {
    Path p = path(sha256);
    try {
      return Optional.of(new StoredArtifact(sha256, Files.size(p)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens the artifact for reading (position it to read a chunk). The caller closes the channel.
   *
   * @throws NoSuchArtifactException if absent
   * @throws ArtifactIntegrityException if the file is not {@code expectedSize} bytes long
   */
  public FileChannel open(String sha256, long expectedSize) throws IOException {
    Path p = path(sha256);
    FileChannel ch;
    try {
      ch = FileChannel.open(p, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchArtifactException(sha256);
    }
    long size = ch.size();
    if (size != expectedSize) {
      ch.close();
      throw new ArtifactIntegrityException(
          "artifact " + sha256 + " is " + size + " bytes on disk but " + expectedSize + " were expected");
    }
    return ch;
  }

  /**
   * Re-hashes the file.
   *
   * @return whether its bytes still hash to its name
   * @throws NoSuchArtifactException if absent
   */
  public boolean verify(String sha256) throws IOException {
    Path p = path(sha256);
    try (InputStream in = Files.newInputStream(p)) {
      return Sha256Copy.hash(in).equals(sha256);
    } catch (NoSuchFileException e) {
      throw new NoSuchArtifactException(sha256);
    }
  }

  /** Every stored artifact, sorted by sha. */
  public List<StoredArtifact> list() throws IOException {
    List<StoredArtifact> out = new ArrayList<>();
    try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(root, p -> Files.isDirectory(p)
        && p.getFileName().toString().matches("[0-9a-f]{2}"))) {
      for (Path prefix : prefixes) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
          for (Path f : files) {
            String name = f.getFileName().toString();
            if (SHA_FILE.matcher(name).matches() && name.startsWith(prefix.getFileName().toString())) {
              out.add(new StoredArtifact(name, Files.size(f)));
            }
          }
        }
      }
    }
    out.sort((a, b) -> a.sha256().compareTo(b.sha256()));
    return out;
  }

  /**
   * Deletes artifacts no release references. Files modified at or after {@code olderThan} are
   * kept, so an artifact put just before its release is recorded is not collected.
   *
   * @return the deleted shas, sorted
   */
  public List<String> deleteUnreferenced(Set<String> referenced, Instant olderThan) throws IOException {
    List<String> deleted = new ArrayList<>();
    for (StoredArtifact a : list()) {
      Path p = path(a.sha256());
      if (!referenced.contains(a.sha256())
          && Files.getLastModifiedTime(p).toInstant().isBefore(olderThan)
          && Files.deleteIfExists(p)) {
        deleted.add(a.sha256());
      }
    }
    return deleted;
  }

  /** Where the artifact lives (whether or not it exists). */
  public Path path(String sha256) {
    Require.sha256("artifact sha256", sha256);
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
