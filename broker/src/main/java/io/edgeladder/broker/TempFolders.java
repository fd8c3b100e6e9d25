package io.edgeladder.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recursive deletion of the temporary folders a broker writes. */
final class TempFolders {
  private TempFolders() {}

  /** Deletes {@code root} and everything below it; best effort, returns whether it is gone. */
  static boolean deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return true;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TempFolders::deleteQuietly);
    } catch (IOException e) {
      return false;
    }
    return !Files.exists(root);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A file still held open (e.g. by a dying process) is left behind; the OS cleans /tmp.
    }
  }
}
