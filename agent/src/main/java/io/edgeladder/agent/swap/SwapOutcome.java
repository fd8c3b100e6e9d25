package io.edgeladder.agent.swap;

/**
 * How one swap ended.
 *
 * @param pipeline pipeline name
 * @param from variant id serving before
 * @param to variant id requested
 * @param state {@link SwapState#CLOSED}-side success is reported as {@code ACTIVE} (the new variant
 *     serves); {@code FAILED} when any step failed and {@code from} still serves
 * @param reason why it failed, or a note on success (e.g. the old variant did not drain in time); null if none
 * @param totalNanos request to end of drain (or failure)
 * @param flipNanos time to switch the pipeline's holder (0 on failure)
 * @param drainNanos time the old variant took to finish its in-flight runs (0 on failure)
 */
public record SwapOutcome(String pipeline, String from, String to, SwapState state, String reason,
    long totalNanos, long flipNanos, long drainNanos) {

  public SwapOutcome {
    if (state != SwapState.ACTIVE && state != SwapState.FAILED) {
      throw new IllegalArgumentException("swap outcome state must be ACTIVE or FAILED but was " + state);
    }
    if (state == SwapState.FAILED && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("a FAILED swap outcome needs a reason");
    }
  }

  public boolean succeeded() {
    return state == SwapState.ACTIVE;
  }
}
