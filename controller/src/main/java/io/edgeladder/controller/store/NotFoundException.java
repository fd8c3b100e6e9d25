package io.edgeladder.controller.store;

/** A write referred to a row that does not exist (unknown model, release or rollout). */
public final class NotFoundException extends StoreException {
  public NotFoundException(String what) {
    super(what + " does not exist");
  }
}
