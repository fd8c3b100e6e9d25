package io.edgeladder.controller.variants.ladder;

import java.io.IOException;

/**
 * An external variant's folder cannot be imported into the ladder: its card is missing or unreadable, its file
 * does not match the card, or its card does not fit the base model. The message names the folder and lists every
 * problem found, not just the first.
 */
public final class ExternalVariantException extends IOException {

  public ExternalVariantException(String message) {
    super(message);
  }

  public ExternalVariantException(String message, Throwable cause) {
    super(message, cause);
  }
}
