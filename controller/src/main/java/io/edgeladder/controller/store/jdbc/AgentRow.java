package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.fleet.AgentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The agent row fields a write decides on, read with the row locked ({@code FOR UPDATE}). */
record AgentRow(
    String incarnation,
    AgentStatus status,
    Instant lastSeen,
    long lastSeq,
    long uptimeMs,
    String previousIncarnation,
    Instant previousLastSeen) {

  /** Locks and reads the agent row; {@code null} if there is none. */
  static AgentRow lock(Connection c, String agentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT incarnation, status, last_seen, last_seq, uptime_ms, previous_incarnation,"
            + " previous_last_seen FROM agent WHERE agent_id = ? FOR UPDATE")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new AgentRow(
            rs.getString("incarnation"),
            AgentStatus.valueOf(rs.getString("status")),
            Rows.instant(rs, "last_seen"),
            rs.getLong("last_seq"),
            rs.getLong("uptime_ms"),
            rs.getString("previous_incarnation"),
            Rows.instant(rs, "previous_last_seen"));
      }
    }
  }
}
