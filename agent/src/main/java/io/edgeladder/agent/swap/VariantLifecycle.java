package io.edgeladder.agent.swap;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link SwapState} of one variant, moved only along the table. Thread-safe: a move is a
 * compare-and-set, so two threads cannot both leave the same state.
 */
public final class VariantLifecycle {
  private final String variant;
  private final AtomicReference<SwapState> state;

  private VariantLifecycle(String variant, SwapState initial) {
    this.variant = variant;
    this.state = new AtomicReference<>(initial);
  }

  /** A variant about to be loaded. */
  public static VariantLifecycle loading(String variant) {
    return new VariantLifecycle(variant, SwapState.LOADING);
  }

  /** A variant already serving (the one a pipeline started with). */
  public static VariantLifecycle active(String variant) {
    return new VariantLifecycle(variant, SwapState.ACTIVE);
  }

  /**
   * Moves to {@code to}.
   *
   * @throws IllegalSwapTransitionException when the table forbids the move from the current state
   */
  public void moveTo(SwapState to) {
    SwapState from = state.get();
    if (!from.canMoveTo(to) || !state.compareAndSet(from, to)) {
      throw new IllegalSwapTransitionException(variant, state.get(), to);
    }
  }

  /** Moves to {@code FAILED} unless already terminal or serving; returns whether it moved. */
  boolean fail() {
    SwapState from = state.get();
    return from.canMoveTo(SwapState.FAILED) && state.compareAndSet(from, SwapState.FAILED);
  }

  public SwapState state() {
    return state.get();
  }

  public String variant() {
    return variant;
  }
}
