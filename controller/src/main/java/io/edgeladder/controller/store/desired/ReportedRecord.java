package io.edgeladder.controller.store.desired;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * The state an agent last reported.
 *
 * @param desiredVersion the desired version the report is about
 * @param json the {@code ReportedState} payload as received
 * @param reportedAt the report's own time
 */
public record ReportedRecord(
    String agentId, long desiredVersion, ApplyState state, String json, Instant reportedAt) {
  public ReportedRecord {
    Require.id("agentId", agentId, 128);
    Require.nonNegative("desiredVersion", desiredVersion);
    Require.present("state", state);
    Require.present("reported json", json);
    reportedAt = Require.micros("reportedAt", reportedAt);
  }
}
