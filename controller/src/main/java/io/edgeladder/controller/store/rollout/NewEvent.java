package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;

/** An event to append; the store assigns id and time. */
public record NewEvent(String type, String detail) {
  public NewEvent {
    Require.id("event type", type, 64);
  }
}
