package io.edgeladder.deploy.manifests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests check: found upwards from the module folder by its {@code deploy/} and root pom. */
final class RepoFiles {
  private RepoFiles() {}

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy/k8s")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository with deploy/k8s above " + dir);
  }

  /** {@code file} relative to the repository root, as messages name it. */
  static String name(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path root = root();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }
}
