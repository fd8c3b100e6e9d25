package io.edgeladder.agent.ingest;

/** Receives windows as they close. Called on the ingest (transport) thread; must not block. */
@FunctionalInterface
public interface WindowSink {
  /** Takes ownership of {@code window}: it must eventually be released. */
  void accept(Window window);
}
