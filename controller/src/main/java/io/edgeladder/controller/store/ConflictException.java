package io.edgeladder.controller.store;

/** A write would replace an immutable row with different content (e.g. a release sha reused). */
public final class ConflictException extends StoreException {
  public ConflictException(String message) {
    super(message);
  }
}
