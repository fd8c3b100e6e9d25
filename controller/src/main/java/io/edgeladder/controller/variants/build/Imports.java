package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.ladder.Candidate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Ready-made variants ({@code <dir>/<id>/} with a model and its card) as ladder candidates. */
public final class Imports {
  private Imports() {}

  /**
   * @param dir folder of variant folders
   * @param baseCard the base model's card: imports must share its classes, input and output spec
   * @throws IOException when a variant cannot be read or does not fit the base (the message says which and why)
   */
  public static List<Candidate> load(Path dir, Path baseCard) throws IOException {
    throw new IOException("importing training-time variants is not available yet (ExternalVariant has not landed)");
  }
}
