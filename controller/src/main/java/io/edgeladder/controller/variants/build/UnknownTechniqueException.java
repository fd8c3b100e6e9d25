package io.edgeladder.controller.variants.build;

/** A technique spec names no registered technique or gives it a bad argument; the message lists what is known. */
public class UnknownTechniqueException extends IllegalArgumentException {

  public UnknownTechniqueException(String message) {
    super(message);
  }
}
