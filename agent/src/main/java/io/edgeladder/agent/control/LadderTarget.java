package io.edgeladder.agent.control;

import io.edgeladder.agent.policy.Bounds;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the control path hands installed ladders and the controller's bounds: the agent's variant-switching
 * loop (profiles, policy, make-before-break swaps). The control path never swaps a variant itself; the
 * policy picks a rung of the new ladder and the swap manager loads, warms up and golden-checks it.
 *
 * <p>Threads: called on the control thread only; {@link #install} blocks while the new variants are profiled.
 */
public interface LadderTarget {
  /** Accepted variant ids of the ladder {@code pipeline} switches among now; empty when it has no ladder. */
  List<String> variantIds(String pipeline);

  /**
   * Replaces {@code pipeline}'s ladder and bounds in one step: profiles the variants of {@code ladderJson}
   * (stored profiles reused), then the next policy tick chooses among them; whatever serves keeps serving
   * until the swap manager has the chosen rung ready.
   *
   * @param ladderJson a ladder manifest whose variant files exist (relative paths resolve next to it)
   * @throws InstallException naming the pipeline and what failed (unreadable ladder, a variant that does
   *     not load or fails while profiled); the pipeline's previous ladder then stays
   */
  void install(String pipeline, Path ladderJson, Bounds bounds) throws InstallException;

  /** Replaces {@code pipeline}'s bounds; its ladder stays. */
  void bound(String pipeline, Bounds bounds);

  /**
   * The ladder id of the variant serving {@code pipeline}: its own id, or the id of the rung with the same
   * sha256 (the model card's model serving as {@code base} is the ladder's fp32 rung), else its own id.
   */
  String servingId(String pipeline);
}
