package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.DuplicateFlag;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.Registration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads agents matching a condition: one query for the agent rows, then four (labels, pipelines,
 * artifacts, latest KPIs) per {@value #CHUNK} matched agents, by primary key. Run under repeatable
 * read so all of them see one snapshot.
 */
final class AgentReads {
  private static final int CHUNK = 500;

  private AgentReads() {}

  static List<AgentRecord> load(Connection c, SelectorSql filter) throws SQLException {
    Map<String, Partial> agents = new LinkedHashMap<>();
    query(c, "SELECT a.* FROM agent a WHERE " + filter.where() + " ORDER BY a.agent_id",
        filter.paramArray(), rs -> agents.put(rs.getString("agent_id"), new Partial(rs)));
    List<String> ids = new ArrayList<>(agents.keySet());
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String in = " WHERE c.agent_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
      Object[] params = chunk.toArray();
      query(c, "SELECT c.agent_id, c.label_key, c.label_value FROM agent_label c" + in, params,
          rs -> agents.get(rs.getString(1)).labels.put(rs.getString(2), rs.getString(3)));
      query(c, "SELECT c.agent_id, c.name, c.model, c.active_variant, c.release_sha FROM agent_pipeline c"
              + in + " ORDER BY c.agent_id, c.ordinal", params,
          rs -> agents.get(rs.getString(1)).pipelines.add(
              new PipelineInfo(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
      query(c, "SELECT c.agent_id, c.sha256 FROM agent_artifact c" + in + " ORDER BY c.agent_id, c.ordinal",
          params, rs -> agents.get(rs.getString(1)).installed.add(rs.getString(2)));
      query(c, "SELECT c.agent_id, c.pipeline, " + KpiRows.COLUMNS + " FROM kpi_latest c" + in, params,
          rs -> {
            KpiSample s = KpiRows.read(rs);
            agents.get(rs.getString("agent_id")).kpis.put(s.kpis().pipeline(), s);
          });
    }
    List<AgentRecord> out = new ArrayList<>(agents.size());
    for (Partial p : agents.values()) {
      out.add(p.record());
    }
    return out;
  }

  private interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  private static void query(Connection c, String sql, Object[] params, RowHandler handler)
      throws SQLException {
    try (PreparedStatement ps = Rows.bind(c.prepareStatement(sql), params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        handler.row(rs);
      }
    }
  }

  /** One agent while its rows are collected. */
  private static final class Partial {
    final String agentId;
    final String incarnation;
    final Instant startedAt;
    final String agentVersion;
    final String javaVersion;
    final String ortVersion;
    final String hardwareJson;
    final String publicKeyId;
    final AgentStatus status;
    final Instant statusAt;
    final Instant firstSeen;
    final Instant lastSeen;
    final long lastSeq;
    final long uptimeMs;
    final long appliedDesiredVersion;
    final Optional<DuplicateFlag> duplicate;
    final Map<String, String> labels = new HashMap<>();
    final List<PipelineInfo> pipelines = new ArrayList<>();
    final List<String> installed = new ArrayList<>();
    final Map<String, KpiSample> kpis = new HashMap<>();

    Partial(ResultSet rs) throws SQLException {
      agentId = rs.getString("agent_id");
      incarnation = rs.getString("incarnation");
      startedAt = Rows.instant(rs, "started_at");
      agentVersion = rs.getString("agent_version");
      javaVersion = rs.getString("java_version");
      ortVersion = rs.getString("ort_version");
      hardwareJson = rs.getString("hardware_json");
      publicKeyId = rs.getString("public_key_id");
      status = AgentStatus.valueOf(rs.getString("status"));
      statusAt = Rows.instant(rs, "status_at");
      firstSeen = Rows.instant(rs, "first_seen");
      lastSeen = Rows.instant(rs, "last_seen");
      lastSeq = rs.getLong("last_seq");
      uptimeMs = rs.getLong("uptime_ms");
      appliedDesiredVersion = rs.getLong("applied_desired_version");
      String dup = rs.getString("duplicate_incarnation");
      duplicate = dup == null
          ? Optional.empty()
          : Optional.of(new DuplicateFlag(dup, Rows.instant(rs, "duplicate_at")));
    }

    AgentRecord record() {
      Registration r = new Registration(agentId, incarnation, startedAt, agentVersion, javaVersion,
          ortVersion, HardwareJson.read(agentId, hardwareJson), labels, pipelines, installed,
          publicKeyId);
      return new AgentRecord(r, status, statusAt, firstSeen, lastSeen, lastSeq, uptimeMs,
          appliedDesiredVersion, kpis, duplicate);
    }
  }
}
