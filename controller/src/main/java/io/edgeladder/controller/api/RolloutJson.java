package io.edgeladder.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.rollout.Gates;
import io.edgeladder.controller.rollout.RolloutPlan;
import io.edgeladder.controller.rollout.RolloutStatus;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.RolloutEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.StageAssignment;
import io.edgeladder.protocol.fleet.Bounds;
import java.time.Instant;
import java.util.List;

/** Response bodies of the rollout routes (schemas {@code RolloutSummary}, {@code RolloutDetail}). */
final class RolloutJson {
  private RolloutJson() {}

  record GatesJson(double maxMissRate, double maxErrorRate, Double maxP99Ratio, int minHeartbeats,
      String heartbeatTimeout) {}

  /** The plan as {@code POST /rollouts} takes it (durations ISO-8601, sizes {@code "3"} / {@code "25%"}). */
  record PlanJson(String model, String releaseSha, String previousReleaseSha, String selector, String canary,
      List<String> waves, String soak, String applyTimeout, GatesJson gates, Bounds bounds) {
    static PlanJson of(RolloutPlan p) {
      Gates g = p.gates();
      return new PlanJson(p.model(), p.releaseSha(), p.previousReleaseSha(), p.selector().toString(),
          p.canary().toString(), p.waves().stream().map(Object::toString).toList(), p.soak().toString(),
          p.applyTimeout().toString(), new GatesJson(g.maxMissRate(), g.maxErrorRate(), g.maxP99Ratio(),
              g.minHeartbeats(), g.heartbeatTimeout().toString()), p.bounds());
    }
  }

  record Event(long id, Instant at, String type, JsonNode detail) {
    static Event of(RolloutEvent e) {
      return new Event(e.id(), e.at(), e.type(), e.detail() == null ? null : AgentJson.tree(e.detail()));
    }
  }

  record Summary(String id, String model, String releaseSha, String previousReleaseSha, String state,
      String phase, int stage, String reason, Instant createdAt, Instant updatedAt) {
    static Summary of(RolloutStatus s) {
      RolloutRecord r = s.rollout();
      return new Summary(r.id(), r.model(), r.releaseSha(), r.previousReleaseSha(), r.state().name(), s.phase(),
          r.currentStage(), r.reason(), r.createdAt(), r.updatedAt());
    }
  }

  /** {@code RolloutDetail}: state, stage, plan, every agent's assignment, gate results and events. */
  record Detail(String id, String model, String releaseSha, String previousReleaseSha, String state, String phase,
      int stage, String reason, Instant createdAt, Instant updatedAt, long version, PlanJson plan,
      List<StageAssignment> assignments, List<GateResult> gateResults, List<Event> events) {
    static Detail of(RolloutStatus s, List<RolloutEvent> events) {
      RolloutRecord r = s.rollout();
      return new Detail(r.id(), r.model(), r.releaseSha(), r.previousReleaseSha(), r.state().name(), s.phase(),
          r.currentStage(), r.reason(), r.createdAt(), r.updatedAt(), r.version(), PlanJson.of(s.plan()),
          s.assignments(), s.gateResults(), events.stream().map(Event::of).toList());
    }
  }
}
