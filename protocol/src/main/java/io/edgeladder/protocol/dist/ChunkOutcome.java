package io.edgeladder.protocol.dist;

/**
 * What {@link ChunkAssembler#accept(int, byte[])} did with one chunk.
 *
 * @param status accepted (new, stored), duplicate (already held, ignored) or rejected
 * @param index the chunk index offered
 * @param rejection why it was rejected, {@code null} otherwise
 * @param message human-readable detail for events, {@code null} unless rejected
 */
public record ChunkOutcome(Status status, int index, Rejection rejection, String message) {

  /** The three outcomes. */
  public enum Status { ACCEPTED, DUPLICATE, REJECTED }

  public ChunkOutcome {
    if (status == null) throw new IllegalArgumentException("chunk outcome status is missing");
    if ((status == Status.REJECTED) != (rejection != null)) {
      throw new IllegalArgumentException("chunk outcome: a rejection reason iff rejected, but was " + status
          + " with " + rejection);
    }
  }

  static ChunkOutcome accepted(int index) {
    return new ChunkOutcome(Status.ACCEPTED, index, null, null);
  }

  static ChunkOutcome duplicate(int index) {
    return new ChunkOutcome(Status.DUPLICATE, index, null, null);
  }

  static ChunkOutcome rejected(int index, Rejection why, String message) {
    return new ChunkOutcome(Status.REJECTED, index, why, message);
  }

  public boolean isAccepted() {
    return status == Status.ACCEPTED;
  }

  public boolean isRejected() {
    return status == Status.REJECTED;
  }
}
