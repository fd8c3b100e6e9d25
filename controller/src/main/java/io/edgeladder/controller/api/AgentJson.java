package io.edgeladder.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.fleet.AgentView;
import io.edgeladder.controller.fleet.Drift;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.DuplicateFlag;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import io.edgeladder.controller.store.fleet.Registration;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Response bodies of the agent routes (schemas {@code AgentSummary}, {@code AgentDetail}, {@code Drift}). */
final class AgentJson {
  private AgentJson() {}

  /** {@code Drift} in the OpenAPI document. */
  record DriftJson(boolean inDrift, long desiredVersion, long reportedVersion, String reportedState,
      List<String> differences) {
    static DriftJson of(Drift d) {
      return new DriftJson(d.inDrift(), d.desiredVersion(), d.reportedVersion(), d.reportedState(),
          d.differences());
    }
  }

  record PipelineSummary(String name, String model, String activeVariant, String releaseSha, PipelineKpis kpis) {}

  record AgentSummary(String agentId, boolean online, Instant lastSeen, Map<String, String> labels,
      boolean duplicate, List<PipelineSummary> pipelines, DriftJson drift) {
    static AgentSummary of(AgentView v) {
      List<PipelineSummary> pipelines = v.pipelines().stream()
          .map(p -> new PipelineSummary(p.name(), p.model(), p.activeVariant(), p.releaseSha(), p.kpis())).toList();
      return new AgentSummary(v.agentId(), v.online(), v.lastSeen(), new TreeMap<>(v.labels()), v.duplicate(),
          pipelines, DriftJson.of(v.drift()));
    }
  }

  record DesiredJson(long version, Instant issuedAt, JsonNode state) {}

  record ReportedJson(long desiredVersion, String state, Instant reportedAt, JsonNode report) {}

  record DriftEntry(String agentId, boolean online, DriftJson drift) {}

  /** {@code AgentDetail}: the birth, the latest KPIs per pipeline, desired and reported state, drift. */
  record AgentDetail(String agentId, boolean online, AgentStatus status, Instant statusAt, Instant firstSeen,
      Instant lastSeen, long lastSeq, long appliedDesiredVersion, DuplicateFlag duplicate, Registration birth,
      Map<String, KpiSample> kpis, DesiredJson desired, ReportedJson reported, DriftJson drift) {
    static AgentDetail of(AgentRecord a, AgentState s) {
      DesiredJson desired = s.desired().map(d -> new DesiredJson(d.version(), d.issuedAt(), tree(d.json())))
          .orElse(null);
      ReportedJson reported = s.reported().map(r -> new ReportedJson(r.desiredVersion(), r.state().name(),
          r.reportedAt(), tree(r.json()))).orElse(null);
      return new AgentDetail(a.agentId(), a.status() == AgentStatus.ONLINE, a.status(), a.statusAt(),
          a.firstSeen(), a.lastSeen(), a.lastSeq(), a.appliedDesiredVersion(), a.duplicate().orElse(null),
          a.registration(), new TreeMap<>(a.latestKpis()), desired, reported, DriftJson.of(Drift.of(s)));
    }
  }

  /** Stored JSON as a tree; unreadable JSON as a string (never fails the request). */
  static JsonNode tree(String json) {
    try {
      return RequestJson.MAPPER.readTree(json);
    } catch (IOException e) {
      return RequestJson.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
