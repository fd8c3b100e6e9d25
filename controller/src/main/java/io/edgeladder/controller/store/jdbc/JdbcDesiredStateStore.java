package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.Require;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.desired.ReportedRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * {@link DesiredStateStore} on plain JDBC, one {@code agent_state} row per agent. Issuing locks the
 * row ({@code FOR UPDATE}), so concurrent issues for one agent get consecutive versions.
 */
public final class JdbcDesiredStateStore implements DesiredStateStore {
  private static final String DRIFT =
      "desired_json IS NOT NULL AND (reported_state IS NULL OR reported_version <> desired_version"
          + " OR reported_state <> 'APPLIED')";

  private static final long ANY_VERSION = -1;

  private final Database db;
  private final Clock clock;

  public JdbcDesiredStateStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public DesiredRecord issue(String agentId, LongFunction<String> render) {
    return issue(agentId, ANY_VERSION, render);
  }

  @Override
  public DesiredRecord issue(String agentId, long expectedVersion, LongFunction<String> render) {
    Require.id("agentId", agentId, 128);
    Instant now = Require.micros("clock", clock.instant());
    return db.transaction("issue desired state of " + agentId, c -> {
      Query.update(c, "INSERT INTO agent_state (agent_id, desired_version) VALUES (?, 0)"
          + " ON CONFLICT DO NOTHING", agentId);
      long floor;
      try (PreparedStatement ps = Rows.bind(c.prepareStatement(
              "SELECT desired_version, reported_version FROM agent_state WHERE agent_id = ? FOR UPDATE"),
              agentId);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (expectedVersion != ANY_VERSION && rs.getLong(1) != expectedVersion) {
          throw new ConcurrentUpdateException("desired state of " + agentId, expectedVersion);
        }
        floor = Math.max(rs.getLong(1), rs.getLong(2));
      }
      long version = floor + 1;
      DesiredRecord record = new DesiredRecord(agentId, version, render.apply(version), now);
      Query.update(c, "UPDATE agent_state SET desired_version = ?, desired_json = ?,"
          + " issued_at = ? WHERE agent_id = ?", version, record.json(), now, agentId);
      return record;
    });
  }

  @Override
  public boolean report(ReportedRecord r) {
    return db.transaction("report of " + r.agentId(), c -> {
      Query.update(c, "INSERT INTO agent_state (agent_id, desired_version) VALUES (?, 0)"
          + " ON CONFLICT DO NOTHING", r.agentId());
      return Query.update(c, "UPDATE agent_state SET reported_version = ?,"
          + " reported_state = ?, reported_json = ?, reported_at = ? WHERE agent_id = ?"
          + " AND (reported_version IS NULL OR reported_version < ?"
          + " OR (reported_version = ? AND reported_at < ?))",
          r.desiredVersion(), r.state().name(), r.json(), r.reportedAt(), r.agentId(),
          r.desiredVersion(), r.desiredVersion(), r.reportedAt()) == 1;
    });
  }

  @Override
  public Optional<AgentState> get(String agentId) {
    return db.transaction("read state of " + agentId, c -> Query.list(c,
        "SELECT * FROM agent_state WHERE agent_id = ?", JdbcDesiredStateStore::state, agentId)
        .stream().findFirst());
  }

  @Override
  public List<AgentState> all() {
    return db.transaction("list agent states", c -> Query.list(c,
        "SELECT * FROM agent_state ORDER BY agent_id", JdbcDesiredStateStore::state));
  }

  @Override
  public List<AgentState> drift() {
    return db.transaction("list drift", c -> Query.list(c,
        "SELECT * FROM agent_state WHERE " + DRIFT + " ORDER BY agent_id", JdbcDesiredStateStore::state));
  }

  private static AgentState state(ResultSet rs) throws SQLException {
    String agentId = rs.getString("agent_id");
    String desiredJson = rs.getString("desired_json");
    Optional<DesiredRecord> desired = desiredJson == null
        ? Optional.empty()
        : Optional.of(new DesiredRecord(agentId, rs.getLong("desired_version"), desiredJson,
            Rows.instant(rs, "issued_at")));
    String reportedState = rs.getString("reported_state");
    Optional<ReportedRecord> reported = reportedState == null
        ? Optional.empty()
        : Optional.of(new ReportedRecord(agentId, rs.getLong("reported_version"),
            ApplyState.valueOf(reportedState), rs.getString("reported_json"),
            Rows.instant(rs, "reported_at")));
    return new AgentState(agentId, desired, reported);
  }
}
