package io.edgeladder.controller.store;

/**
 * An optimistic update lost a race: the row's version was no longer the one the caller read. The
 * caller re-reads and decides again. Thrown often under contention, so no stack trace is captured.
 */
public final class ConcurrentUpdateException extends StoreException {
  private final String entity;
  private final long expectedVersion;

  public ConcurrentUpdateException(String entity, long expectedVersion) {
    super(entity + " was changed concurrently: expected version " + expectedVersion
        + " is no longer current", null);
    this.entity = entity;
    this.expectedVersion = expectedVersion;
  }

  /** What was updated, e.g. {@code rollout r-1}. */
  public String entity() {
    return entity;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
