package io.edgeladder.controller.cli;

import io.edgeladder.controller.variants.ladder.Candidate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code --import DIR}: training-time variants as ladder candidates. */
final class Imports {
  private Imports() {}

  static List<Candidate> load(Path dir) throws IOException {
    throw new IOException("importing training-time variants is not available yet (ExternalVariants has not landed)");
  }
}
