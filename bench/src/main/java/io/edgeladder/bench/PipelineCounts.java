package io.edgeladder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * One pipeline's counters from the agent's {@code /status} at one moment; phases are differences of two.
 *
 * @param messagesIn sensor messages received
 * @param windowsIn windows cut
 * @param windowsOut results published
 * @param deadlineMisses results ready after their window's deadline
 * @param shed windows dropped by the scheduler or for want of a buffer (all reasons)
 * @param failures inference failures
 * @param decodeErrors rejected payloads (all kinds)
 */
public record PipelineCounts(long messagesIn, long windowsIn, long windowsOut, long deadlineMisses, long shed,
    long failures, long decodeErrors) {

  public static PipelineCounts of(JsonNode status) {
    JsonNode p = status.path("pipelines").path(0);
    if (p.isMissingNode()) {
      throw new IllegalArgumentException("agent /status has no pipelines: " + status);
    }
    return new PipelineCounts(p.path("messagesIn").asLong(), p.path("windowsIn").asLong(),
        p.path("windowsOut").asLong(), p.path("deadlineMisses").asLong(), total(p.path("shed")),
        p.path("inferenceFailures").asLong(), total(p.path("decodeErrors")));
  }

  private static long total(JsonNode counts) {
    long sum = 0;
    for (Iterator<JsonNode> it = counts.elements(); it.hasNext(); ) {
      sum += it.next().asLong();
    }
    return sum;
  }

  public PipelineCounts minus(PipelineCounts before) {
    return new PipelineCounts(messagesIn - before.messagesIn, windowsIn - before.windowsIn,
        windowsOut - before.windowsOut, deadlineMisses - before.deadlineMisses, shed - before.shed,
        failures - before.failures, decodeErrors - before.decodeErrors);
  }
}
