package io.edgeladder.agent.app;

/** The agent could not start; the message names the part (model file, broker, port) and the reason. */
public final class AgentStartException extends Exception {
  public AgentStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
