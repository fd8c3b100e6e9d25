package io.edgeladder.controller.store.desired;

/** How far an agent got applying a desired state (the {@code state} of its reported state). */
public enum ApplyState {
  APPLIED,
  PARTIAL,
  REJECTED,
  DOWNLOADING
}
