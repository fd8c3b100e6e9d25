package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.desired.ReportedRecord;
import io.edgeladder.controller.store.fleet.Hardware;
import io.edgeladder.controller.store.fleet.HeartbeatReport;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineKpi;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Maps the protocol's fleet messages onto the store's records. The store validates again (lengths, label
 * syntax) and throws {@link IllegalArgumentException} naming the field, which the ingest counts as malformed.
 */
final class FleetRecords {
  private FleetRecords() {}

  static Registration registration(AgentBirth b) {
    io.edgeladder.protocol.fleet.Hardware h = b.hardware();
    List<PipelineInfo> pipelines = b.pipelines().stream()
        .map(p -> new PipelineInfo(p.name(), p.model(), p.activeVariant(), p.releaseSha())).toList();
    return new Registration(b.agentId(), b.incarnation(), b.startedAt(), b.agentVersion(), b.java(),
        b.ortVersion(), new Hardware(h.cpuModel(), h.cores(), h.arch(), h.os(), h.memoryBytes(), h.cpuFlags()),
        b.labels(), pipelines, b.installed(), b.publicKeyId());
  }

  static HeartbeatReport heartbeat(Heartbeat h) {
    return new HeartbeatReport(h.agentId(), h.incarnation(), h.seq(), h.uptimeMs(), h.desiredVersion(),
        h.pipelines().stream().map(FleetRecords::kpis).toList());
  }

  private static PipelineKpis kpis(PipelineKpi k) {
    return new PipelineKpis(k.name(), k.activeVariant(), k.variantSha256(), k.windows(), k.results(),
        k.deadlineMisses(), k.errors(), k.missRate(), k.errorRate(), k.p99Ms());
  }

  /** Keeps the payload as received (the JSON drift is computed from). */
  static ReportedRecord reported(ReportedState r, byte[] payload) {
    return new ReportedRecord(r.agentId(), r.desiredVersion(), ApplyState.valueOf(r.state().name()),
        new String(payload, StandardCharsets.UTF_8), r.at());
  }
}
