package io.edgeladder.controller.variants.build;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's committed base model and validation set. */
final class BuildTestPaths {
  static final Path ROOT = locateRoot();
  static final Path CARD = ROOT.resolve("models/vibration-cnn/model-card.json");
  static final Path VALIDATION = ROOT.resolve("models/data/validation");

  private BuildTestPaths() {}

  private static Path locateRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("models/vibration-cnn"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("tests: cannot find models/vibration-cnn above " + Path.of("").toAbsolutePath());
    return p;
  }
}
