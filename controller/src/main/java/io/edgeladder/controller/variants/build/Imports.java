package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.ladder.ExternalVariant;
import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Ready-made variants ({@code <dir>/<id>/} with a model and its card) as ladder candidates. */
public final class Imports {
  private Imports() {}

  /**
   * @param dir folder of variant folders (see {@link ExternalVariant#loadAll})
   * @param baseCard the base model's card: imports must share its classes, input and output spec
   * @throws IOException when {@code dir} is not a folder, or a variant cannot be read or does not fit the
   *     base (the message says which and why)
   */
  public static List<Candidate> load(Path dir, Path baseCard) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException("variant imports: " + dir + " is not a folder");
    ModelCard base = ModelCard.load(baseCard);
    List<Candidate> out = ExternalVariant.loadAll(dir, base).stream().map(ExternalVariant::candidate).toList();
    if (out.isEmpty()) throw new IOException("variant imports: no <id>/model-card.json under " + dir);
    return out;
  }
}
