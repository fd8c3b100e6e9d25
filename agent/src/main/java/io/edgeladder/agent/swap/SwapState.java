package io.edgeladder.agent.swap;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life of one variant in a pipeline, from load to close. Make-before-break: the new variant reaches
 * {@code ACTIVE} before the old one leaves it.
 *
 * <pre>
 *   LOADING ──► WARMING ──► VALIDATING ──► ACTIVE ──► DRAINING ──► CLOSED
 *      │           │             │
 *      └───────────┴─────────────┴──► FAILED   (the old variant keeps serving)
 * </pre>
 *
 * <ul>
 *   <li>{@code LOADING}: hash check, session load and signature check, on the low-priority loader thread.
 *   <li>{@code WARMING}: every worker's runner runs on zeros (off the clock).
 *   <li>{@code VALIDATING}: the golden input runs; outputs must match within the tolerance.
 *   <li>{@code ACTIVE}: the pipeline serves it (set atomically between windows).
 *   <li>{@code DRAINING}: replaced; runs already started on it finish.
 *   <li>{@code CLOSED}, {@code FAILED}: terminal; its session is closed.
 * </ul>
 */
public enum SwapState {
  LOADING, WARMING, VALIDATING, ACTIVE, DRAINING, CLOSED, FAILED;

  private Set<SwapState> next;

  static {
    LOADING.next = EnumSet.of(WARMING, FAILED);
    WARMING.next = EnumSet.of(VALIDATING, FAILED);
    VALIDATING.next = EnumSet.of(ACTIVE, FAILED);
    ACTIVE.next = EnumSet.of(DRAINING);
    DRAINING.next = EnumSet.of(CLOSED);
    CLOSED.next = EnumSet.noneOf(SwapState.class);
    FAILED.next = EnumSet.noneOf(SwapState.class);
  }

  /** Whether the table allows {@code this → to}. */
  public boolean canMoveTo(SwapState to) {
    return next.contains(to);
  }

  public boolean terminal() {
    return next.isEmpty();
  }
}
