package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.fleet.HeartbeatReport;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** KPI rows: {@code kpi_latest} and {@code kpi_history} share their columns. */
final class KpiRows {
  static final String COLUMNS =
      "incarnation, seq, received_at, active_variant, variant_sha256, windows, results,"
          + " deadline_misses, errors, miss_rate, error_rate, p99_ms";
  private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  private KpiRows() {}

  /** Appends one history row per pipeline; a repeated (incarnation, seq) is ignored. */
  static void appendHistory(Connection c, HeartbeatReport h, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO kpi_history (agent_id, pipeline, " + COLUMNS + ") VALUES (" + VALUES + ")"
            + " ON CONFLICT DO NOTHING")) {
      for (PipelineKpis k : h.pipelines()) {
        bind(ps, 1, h.agentId(), k.pipeline());
        bindSample(ps, 3, h, k, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Replaces the newest sample per pipeline. Caller holds the agent row lock. */
  static void replaceLatest(Connection c, HeartbeatReport h, Instant now) throws SQLException {
    int[] updated;
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE kpi_latest SET incarnation = ?, seq = ?, received_at = ?, active_variant = ?,"
            + " variant_sha256 = ?, windows = ?, results = ?, deadline_misses = ?, errors = ?,"
            + " miss_rate = ?, error_rate = ?, p99_ms = ? WHERE agent_id = ? AND pipeline = ?")) {
      for (PipelineKpis k : h.pipelines()) {
        bindSample(ps, 1, h, k, now);
        bind(ps, 13, h.agentId(), k.pipeline());
        ps.addBatch();
      }
      updated = ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO kpi_latest (agent_id, pipeline, " + COLUMNS + ") VALUES (" + VALUES + ")")) {
      boolean any = false;
      for (int i = 0; i < updated.length; i++) {
        if (updated[i] == 0) {
          PipelineKpis k = h.pipelines().get(i);
          bind(ps, 1, h.agentId(), k.pipeline());
          bindSample(ps, 3, h, k, now);
          ps.addBatch();
          any = true;
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
  }

  static int pruneHistory(Connection c, String agentId, Instant before) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM kpi_history WHERE agent_id = ? AND received_at < ?")) {
      return Rows.bind(ps, agentId, before).executeUpdate();
    }
  }

  static KpiSample read(ResultSet rs) throws SQLException {
    PipelineKpis k = new PipelineKpis(
        rs.getString("pipeline"),
        rs.getString("active_variant"),
        rs.getString("variant_sha256"),
        rs.getLong("windows"),
        rs.getLong("results"),
        rs.getLong("deadline_misses"),
        rs.getLong("errors"),
        rs.getDouble("miss_rate"),
        rs.getDouble("error_rate"),
        rs.getDouble("p99_ms"));
    return new KpiSample(Rows.instant(rs, "received_at"), rs.getString("incarnation"), rs.getLong("seq"), k);
  }

  static List<KpiSample> history(Connection c, String agentId, String pipeline, Instant since,
      List<KpiSample> into) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT pipeline, " + COLUMNS + " FROM kpi_history WHERE agent_id = ? AND pipeline = ?"
            + " AND received_at >= ? ORDER BY received_at, seq")) {
      try (ResultSet rs = Rows.bind(ps, agentId, pipeline, since).executeQuery()) {
        while (rs.next()) {
          into.add(read(rs));
        }
      }
    }
    return into;
  }

  private static void bind(PreparedStatement ps, int from, String agentId, String pipeline)
      throws SQLException {
    ps.setString(from, agentId);
    ps.setString(from + 1, pipeline);
  }

  private static void bindSample(PreparedStatement ps, int from, HeartbeatReport h, PipelineKpis k,
      Instant now) throws SQLException {
    ps.setString(from, h.incarnation());
    ps.setLong(from + 1, h.seq());
    Rows.setInstant(ps, from + 2, now);
    ps.setString(from + 3, k.activeVariant());
    Rows.setText(ps, from + 4, k.variantSha256());
    ps.setLong(from + 5, k.windows());
    ps.setLong(from + 6, k.results());
    ps.setLong(from + 7, k.deadlineMisses());
    ps.setLong(from + 8, k.errors());
    ps.setDouble(from + 9, k.missRate());
    ps.setDouble(from + 10, k.errorRate());
    ps.setDouble(from + 11, k.p99Ms());
  }
}
