package io.edgeladder.agent.swap;

/** A swap step tried a move the {@link SwapState} table forbids: a programming error. */
public final class IllegalSwapTransitionException extends IllegalStateException {
  private final SwapState from;
  private final SwapState to;

  public IllegalSwapTransitionException(String variant, SwapState from, SwapState to) {
    super("swap of variant " + variant + ": illegal transition " + from + " -> " + to);
    this.from = from;
    this.to = to;
  }

  public SwapState from() {
    return from;
  }

  public SwapState to() {
    return to;
  }
}
