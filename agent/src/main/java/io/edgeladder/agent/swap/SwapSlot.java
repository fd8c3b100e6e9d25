package io.edgeladder.agent.swap;

import io.edgeladder.agent.pipeline.Pipeline;

/** Swap bookkeeping of one pipeline; the mutable fields are guarded by the slot's monitor. */
final class SwapSlot {
  final Pipeline pipeline;
  VariantLifecycle current;
  /** A swap is running on this pipeline (from request to end of drain or failure). */
  boolean busy;
  /** The variant to roll back to while the current one is on probation; null when not on probation. */
  VariantSpec rollbackTo;
  long probationStartNanos;
  /** The variant on probation (committed as last known good once it passes); null when not on probation. */
  VariantSpec onProbation;

  SwapSlot(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.current = VariantLifecycle.active(pipeline.active().id());
  }
}
