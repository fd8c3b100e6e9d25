package io.edgeladder.controller.distribution;

/**
 * A release could not be built or published: a ladder folder that is not what {@code variants build}
 * writes, a variant file whose sha256 differs from the ladder's, the broker refusing or not acknowledging
 * a chunk. The message names the file, variant or topic.
 */
public final class DistributionException extends Exception {
  private static final long serialVersionUID = 1L;

  public DistributionException(String message) {
    super(message);
  }

  public DistributionException(String message, Throwable cause) {
    super(message, cause);
  }
}
