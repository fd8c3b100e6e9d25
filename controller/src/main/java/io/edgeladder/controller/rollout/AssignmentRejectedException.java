package io.edgeladder.controller.rollout;

/** A {@link RolloutTarget} refused an agent for good (retrying cannot help). */
public final class AssignmentRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String agentId;

  public AssignmentRejectedException(String agentId, String message) {
    super(message);
    this.agentId = agentId;
  }

  public String agentId() {
    return agentId;
  }
}
