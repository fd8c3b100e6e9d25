package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.Registration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** The SQL of a birth. Every method runs inside the caller's transaction. */
final class BirthWrites {
  private BirthWrites() {}

  /**
   * Records a birth. The agent row is locked (or created) first, so concurrent births and
   * heartbeats of one agent serialize on it.
   */
  static BirthOutcome register(Connection c, Registration r, Instant now) throws SQLException {
    AgentRow row = AgentRow.lock(c, r.agentId());
    if (row == null) {
      if (insert(c, r, now) == 1) {
        replaceChildren(c, r);
        return BirthOutcome.NEW;
      }
      row = AgentRow.lock(c, r.agentId()); // another birth inserted it first and committed
    }
    BirthOutcome outcome;
    if (r.incarnation().equals(row.incarnation())) {
      outcome = BirthOutcome.RECONNECTED;
    } else if (r.incarnation().equals(row.previousIncarnation())) {
      outcome = BirthOutcome.DUPLICATE; // the replaced process came back: both are alive
    } else {
      outcome = BirthOutcome.RESTARTED;
    }
    boolean sameProcess = outcome == BirthOutcome.RECONNECTED;
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE agent SET incarnation = ?, started_at = ?, agent_version = ?, java_version = ?,"
            + " ort_version = ?, hardware_json = ?, public_key_id = ?, status = ?,"
            + " status_at = CASE WHEN status = 'ONLINE' THEN status_at"
            + " ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END,"
            + " last_seen = ?, last_seq = ?, uptime_ms = ?, previous_incarnation = ?,"
            + " previous_last_seen = ? WHERE agent_id = ?")) {
      Rows.bind(ps, r.incarnation(), r.startedAt(), r.agentVersion(), r.javaVersion(),
          r.ortVersion(), HardwareJson.write(r.hardware()), r.publicKeyId(),
          AgentStatus.ONLINE.name(), now, now,
          sameProcess ? row.lastSeq() : -1L, sameProcess ? row.uptimeMs() : 0L,
          sameProcess ? row.previousIncarnation() : row.incarnation(),
          sameProcess ? row.previousLastSeen() : row.lastSeen(), r.agentId());
      ps.executeUpdate();
    }
    if (outcome == BirthOutcome.DUPLICATE) {
      HeartbeatWrites.flag(c, r.agentId(), row.incarnation(), now);
    }
    replaceChildren(c, r);
    return outcome;
  }

  private static int insert(Connection c, Registration r, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO agent (agent_id, incarnation, started_at, agent_version, java_version,"
            + " ort_version, hardware_json, public_key_id, status, status_at, first_seen, last_seen,"
            + " last_seq, uptime_ms, applied_desired_version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, -1, 0, 0) ON CONFLICT DO NOTHING")) {
      return Rows.bind(ps, r.agentId(), r.incarnation(), r.startedAt(), r.agentVersion(),
          r.javaVersion(), r.ortVersion(), HardwareJson.write(r.hardware()), r.publicKeyId(),
          AgentStatus.ONLINE.name(), now, now, now).executeUpdate();
    }
  }

  /** Labels, pipelines and installed artifacts are replaced as a whole by every birth. */
  private static void replaceChildren(Connection c, Registration r) throws SQLException {
    for (String table : new String[] {"agent_label", "agent_pipeline", "agent_artifact"}) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE agent_id = ?")) {
        ps.setString(1, r.agentId());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO agent_label (agent_id, label_key, label_value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> e : r.labels().entrySet()) {
        Rows.bind(ps, r.agentId(), e.getKey(), e.getValue()).addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO agent_pipeline (agent_id, ordinal, name, model, active_variant, release_sha)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      int i = 0;
      for (PipelineInfo p : r.pipelines()) {
        Rows.bind(ps, r.agentId(), i++, p.name(), p.model(), p.activeVariant(), p.releaseSha());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO agent_artifact (agent_id, ordinal, sha256) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING")) {
      int i = 0;
      for (String sha : r.installed()) {
        Rows.bind(ps, r.agentId(), i++, sha).addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM kpi_latest WHERE agent_id = ? AND NOT EXISTS (SELECT 1 FROM agent_pipeline p"
            + " WHERE p.agent_id = kpi_latest.agent_id AND p.name = kpi_latest.pipeline)")) {
      ps.setString(1, r.agentId());
      ps.executeUpdate();
    }
  }
}
