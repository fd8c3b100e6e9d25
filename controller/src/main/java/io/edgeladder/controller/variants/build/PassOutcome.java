package io.edgeladder.controller.variants.build;

import io.edgeladder.protocol.ladder.Precision;
import java.util.List;

/**
 * What one technique did to the base model during a build.
 *
 * @param spec the technique as asked for
 * @param id the variant id
 * @param applied whether a variant was produced (false: the pass failed or changed nothing; see {@code reason})
 * @param techniques the chain actually applied (empty when nothing was)
 * @param precision the variant's precision as the pass reports it ({@code fp32} when nothing was applied)
 * @param notes the pass's remarks
 * @param reason why no variant was produced; {@code null} when applied
 * @param seconds wall time of the pass
 */
public record PassOutcome(String spec, String id, boolean applied, List<String> techniques, Precision precision,
    List<String> notes, String reason, double seconds) {

  public PassOutcome {
    techniques = List.copyOf(techniques);
    notes = List.copyOf(notes);
    if (applied == (reason != null)) {
      throw new IllegalArgumentException("pass outcome " + id + ": a reason is required exactly when not applied");
    }
  }
}
