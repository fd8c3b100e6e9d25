package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.NewEvent;
import io.edgeladder.controller.store.rollout.RolloutEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Rollout rows: reads and the child-table writes of a save. */
final class RolloutRows {
  private RolloutRows() {}

  static Optional<RolloutRecord> find(Connection c, String id) throws SQLException {
    return Query.list(c, "SELECT * FROM rollout WHERE rollout_id = ?", RolloutRows::rollout, id)
        .stream().findFirst();
  }

  static RolloutRecord rollout(ResultSet rs) throws SQLException {
    return new RolloutRecord(rs.getString("rollout_id"), rs.getString("model"),
        rs.getString("release_sha"), rs.getString("previous_release_sha"), rs.getString("plan_json"),
        RolloutState.valueOf(rs.getString("state")), rs.getInt("current_stage"),
        rs.getString("reason"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
        rs.getLong("version"));
  }

  static StageAssignment assignment(ResultSet rs) throws SQLException {
    return new StageAssignment(rs.getString("agent_id"), rs.getInt("stage"),
        AssignmentState.valueOf(rs.getString("state")), rs.getLong("desired_version"),
        Rows.instant(rs, "updated_at"));
  }

  static GateResult gate(ResultSet rs) throws SQLException {
    return new GateResult(rs.getInt("stage"), rs.getString("gate"), rs.getBoolean("passed"),
        rs.getDouble("observed"), rs.getDouble("threshold"), rs.getString("detail"),
        Rows.instant(rs, "evaluated_at"));
  }

  static RolloutEvent event(ResultSet rs) throws SQLException {
    return new RolloutEvent(rs.getLong("event_id"), rs.getString("rollout_id"),
        Rows.instant(rs, "appended_at"), rs.getString("event_type"), rs.getString("detail"));
  }

  /** Inserts or replaces one agent's assignment. Caller holds the rollout row (version update). */
  static void putAssignment(Connection c, String rolloutId, StageAssignment a) throws SQLException {
    int updated = Query.update(c, "UPDATE rollout_agent SET stage = ?, state = ?, desired_version = ?,"
            + " updated_at = ? WHERE rollout_id = ? AND agent_id = ?",
        a.stage(), a.state().name(), a.desiredVersion(), a.updatedAt(), rolloutId, a.agentId());
    if (updated == 0) {
      Query.update(c, "INSERT INTO rollout_agent (rollout_id, agent_id, stage, state, desired_version,"
              + " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          rolloutId, a.agentId(), a.stage(), a.state().name(), a.desiredVersion(), a.updatedAt());
    }
  }

  static void appendGate(Connection c, String rolloutId, GateResult g) throws SQLException {
    Query.update(c, "INSERT INTO rollout_gate (rollout_id, stage, gate, passed, observed, threshold,"
            + " detail, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rolloutId, g.stage(), g.gate(), g.passed(), g.observed(), g.threshold(), g.detail(),
        g.evaluatedAt());
  }

  static RolloutEvent appendEvent(Connection c, String rolloutId, NewEvent e, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollout_event (rollout_id,"
        + " appended_at, event_type, detail) VALUES (?, ?, ?, ?)", new String[] {"event_id"})) {
      Rows.bind(ps, rolloutId, now, e.type(), e.detail()).executeUpdate();
      return new RolloutEvent(Query.generatedId(ps), rolloutId, now, e.type(), e.detail());
    }
  }
}
