package io.edgeladder.controller.store.models;

import io.edgeladder.controller.store.Require;

/**
 * Where a release was pushed: one agent, or every agent a label selector matched at the time.
 *
 * @param value the agent id, or the selector text
 */
public record PushTarget(Kind kind, String value) {
  /** Target kinds. */
  public enum Kind {
    AGENT,
    SELECTOR
  }

  public PushTarget {
    Require.present("push target kind", kind);
    Require.present("push target", value);
    if (value.length() > 512) {
      throw new IllegalArgumentException(
          "push target must be at most 512 characters but was " + value.length());
    }
  }

  public static PushTarget agent(String agentId) {
    return new PushTarget(Kind.AGENT, Require.id("agentId", agentId, 128));
  }

  public static PushTarget selector(String selector) {
    return new PushTarget(Kind.SELECTOR, selector);
  }
}
