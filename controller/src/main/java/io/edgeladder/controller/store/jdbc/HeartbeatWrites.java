package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** The SQL of a heartbeat. Every method runs inside the caller's transaction. */
final class HeartbeatWrites {
  private HeartbeatWrites() {}

  static HeartbeatOutcome heartbeat(Connection c, HeartbeatReport h, Instant now,
      Duration duplicateWindow, Duration kpiRetention) throws SQLException {
    AgentRow row = AgentRow.lock(c, h.agentId());
    if (row == null) {
      return HeartbeatOutcome.UNKNOWN_AGENT;
    }
    if (h.incarnation().equals(row.incarnation())) {
      record(c, h, row.lastSeq(), now, kpiRetention);
      return HeartbeatOutcome.RECORDED;
    }
    boolean currentAlive = !row.lastSeen().isBefore(now.minus(duplicateWindow));
    if (currentAlive) {
      flag(c, h.agentId(), h.incarnation(), now);
      if (h.incarnation().equals(row.previousIncarnation())) {
        Query.update(c, "UPDATE agent SET previous_last_seen = ? WHERE agent_id = ?", now, h.agentId());
      }
      return HeartbeatOutcome.DUPLICATE;
    }
    Query.update(c, "UPDATE agent SET incarnation = ?, previous_incarnation = ?, previous_last_seen = ?,"
            + " last_seq = -1 WHERE agent_id = ?",
        h.incarnation(), row.incarnation(), row.lastSeen(), h.agentId());
    record(c, h, -1, now, kpiRetention);
    return HeartbeatOutcome.ADOPTED;
  }

  /** Flags the agent: {@code otherIncarnation} overlapped with the current one. */
  static void flag(Connection c, String agentId, String otherIncarnation, Instant now)
      throws SQLException {
    Query.update(c, "UPDATE agent SET duplicate_incarnation = ?, duplicate_at = ? WHERE agent_id = ?",
        otherIncarnation, now, agentId);
  }

  private static void record(Connection c, HeartbeatReport h, long lastSeq, Instant now,
      Duration kpiRetention) throws SQLException {
    boolean newer = h.seq() > lastSeq;
    if (newer) {
      Query.update(c, "UPDATE agent SET last_seen = ?, last_seq = ?, uptime_ms = ?,"
              + " applied_desired_version = ?, status = 'ONLINE',"
              + " status_at = CASE WHEN status = 'ONLINE' THEN status_at"
              + " ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END WHERE agent_id = ?",
          now, h.seq(), h.uptimeMs(), h.desiredVersion(), now, h.agentId());
    } else {
      Query.update(c, "UPDATE agent SET last_seen = ? WHERE agent_id = ?", now, h.agentId());
    }
    if (h.pipelines().isEmpty()) {
      return;
    }
    KpiRows.appendHistory(c, h, now);
    if (newer) {
      KpiRows.replaceLatest(c, h, now);
    }
    KpiRows.pruneHistory(c, h.agentId(), now.minus(kpiRetention));
  }
}
