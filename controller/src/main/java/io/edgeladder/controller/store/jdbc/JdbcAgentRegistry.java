package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.Require;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatReport;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.Registration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AgentRegistry} on plain JDBC, the same SQL on H2 and PostgreSQL. Thread-safe. */
public final class JdbcAgentRegistry implements AgentRegistry {
  private final Database db;
  private final Clock clock;
  private final FleetSettings settings;

  public JdbcAgentRegistry(Database db, Clock clock, FleetSettings settings) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public BirthOutcome register(Registration r) {
    Instant now = now();
    return db.transaction("birth of " + r.agentId(), c -> BirthWrites.register(c, r, now));
  }

  @Override
  public HeartbeatOutcome heartbeat(HeartbeatReport h) {
    Instant now = now();
    return db.transaction("heartbeat of " + h.agentId(), c -> HeartbeatWrites.heartbeat(
        c, h, now, settings.duplicateWindow(), settings.kpiRetention()));
  }

  @Override
  public boolean setStatus(String agentId, AgentStatus status) {
    Instant now = now();
    return db.transaction("status of " + agentId, c -> Query.update(c,
        "UPDATE agent SET status_at = CASE WHEN status = ? THEN status_at"
            + " ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END, status = ? WHERE agent_id = ?",
        status.name(), now, status.name(), agentId) == 1);
  }

  @Override
  public List<String> markSilentOffline(Instant lastSeenBefore) {
    Instant now = now();
    return db.transaction("offline sweep", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = Rows.bind(c.prepareStatement(
              "SELECT agent_id FROM agent WHERE status = 'ONLINE' AND last_seen < ?"
                  + " ORDER BY agent_id FOR UPDATE"), lastSeenBefore);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      for (String id : ids) {
        Query.update(c, "UPDATE agent SET status = 'OFFLINE', status_at = ? WHERE agent_id = ?",
            now, id);
      }
      return ids;
    });
  }

  @Override
  public boolean clearDuplicate(String agentId) {
    return db.transaction("clear duplicate of " + agentId, c -> Query.update(c,
        "UPDATE agent SET duplicate_incarnation = NULL, duplicate_at = NULL"
            + " WHERE agent_id = ? AND duplicate_incarnation IS NOT NULL", agentId) == 1);
  }

  @Override
  public Optional<AgentRecord> find(String agentId) {
    return db.transaction("read agent " + agentId, c -> {
      snapshot(c);
      return AgentReads.load(c, SelectorSql.agent(agentId)).stream().findFirst();
    });
  }

  @Override
  public List<AgentRecord> list(LabelSelector selector) {
    return db.transaction("list agents " + selector, c -> {
      snapshot(c);
      return AgentReads.load(c, SelectorSql.of(selector));
    });
  }

  @Override
  public List<KpiSample> kpiHistory(String agentId, String pipeline, Instant since) {
    return db.transaction("KPI history of " + agentId + "/" + pipeline,
        c -> KpiRows.history(c, agentId, pipeline, since, new ArrayList<>()));
  }

  private static void snapshot(Connection c) throws java.sql.SQLException {
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
  }

  private Instant now() {
    return Require.micros("clock", clock.instant());
  }
}
