package io.edgeladder.controller.variants.ladder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output folder built as {@code <name>.tmp-XXXX} beside its target and renamed onto it in one step,
 * so readers see either no folder or a complete one. {@link #close()} deletes the temporary folder
 * unless {@link #commit()} succeeded. Single-threaded.
 */
final class StagingFolder implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private boolean committed;

  private StagingFolder(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /**
   * @throws FileAlreadyExistsException when {@code target} exists (a ladder is never written over another)
   */
  static StagingFolder create(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs)) throw new FileAlreadyExistsException(abs.toString(), null, "ladder output folder exists");
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    // same parent, same file system: the final rename can be atomic
    return new StagingFolder(abs, Files.createTempDirectory(parent, abs.getFileName() + ".tmp-"));
  }

  Path path() {
    return temp;
  }

  /** Renames the temporary folder onto the target. */
  void commit() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("ladder output " + target + ": the file system cannot rename " + temp + " atomically", e);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (committed || !Files.exists(temp)) return;
    try (Stream<Path> walk = Files.walk(temp)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw new IOException("ladder output: cannot delete temporary folder " + temp, e.getCause());
    }
  }
}
