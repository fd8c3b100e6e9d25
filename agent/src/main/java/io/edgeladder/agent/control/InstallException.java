package io.edgeladder.agent.control;

/** A ladder or release that could not be installed; the message names the pipeline or release and why. */
public final class InstallException extends Exception {
  private static final long serialVersionUID = 1L;

  public InstallException(String message) {
    super(message);
  }

  public InstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
