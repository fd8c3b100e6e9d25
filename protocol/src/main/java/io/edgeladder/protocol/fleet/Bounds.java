package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.InvalidFieldException;
import java.util.List;

/**
 * The controller's limits on an agent's own variant choice for one pipeline.
 *
 * @param allowed variant ids the policy may pick; empty allows every accepted rung
 * @param pinned the one variant to serve regardless of resources, or {@code null}; must be allowed
 * @param minAccuracy lowest validation accuracy the policy may pick, 0..1 (0 = no floor)
 */
public record Bounds(List<String> allowed, String pinned, double minAccuracy) {
  private static final String R = "Bounds";

  /** No limits: every accepted rung, no pin, no accuracy floor. */
  public static final Bounds NONE = new Bounds(List.of(), null, 0);

  public Bounds {
    allowed = Fields.texts(R, "allowed", allowed);
    Fields.unique(R, "allowed", allowed, s -> s);
    if (pinned != null) {
      Fields.text(R, "pinned", pinned);
      if (!allowed.isEmpty() && !allowed.contains(pinned)) {
        throw new InvalidFieldException(R, "pinned", pinned + " is not in allowed " + allowed);
      }
    }
    Fields.fraction(R, "minAccuracy", minAccuracy);
  }
}
