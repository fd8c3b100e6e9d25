package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.passes.Pass;
import java.util.regex.Pattern;

/**
 * A technique as asked for on the command line, resolved to its pass.
 *
 * @param spec the text asked for, e.g. {@code channel-prune:0.5+int8-static}
 * @param id the variant id derived from it (file name in the ladder), e.g. {@code channel-prune-0.5_int8-static}
 * @param pass the pass (a {@code Compose} for a {@code +} chain)
 */
public record Technique(String spec, String id, Pass pass) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Technique {
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException("technique spec must not be blank");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("technique " + spec + ": variant id must match " + ID.pattern() + " but was " + id);
    }
    if (pass == null) throw new IllegalArgumentException("technique " + spec + ": pass must not be null");
  }

  /** {@code channel-prune:0.5+int8-static} → {@code channel-prune-0.5_int8-static}. */
  static String idOf(String spec) {
    return spec.toLowerCase(java.util.Locale.ROOT).replace(':', '-').replace('=', '-').replace('+', '_');
  }
}
