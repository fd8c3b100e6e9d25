package io.edgeladder.controller.console;

import io.edgeladder.controller.fleet.Telemetry;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineKpi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent on the {@link LiveBoard}: latest figures and bounded histories. Every method is synchronized
 * (guarded by {@code this}); each mutator returns the new {@link LiveAgent} for the subscribers.
 */
final class AgentLog {
  /** Per pipeline: the latest heartbeat figures and what the next rate is computed from. */
  private record Latest(String activeVariant, Double missRate, Double p99Ms, Double rate, String incarnation,
      Instant at, long results) {}

  private final String agentId;
  private Boolean online;
  private Map<String, String> labels = Map.of();
  private final Map<String, Latest> pipelines = new LinkedHashMap<>();
  private Telemetry telemetry;
  private Instant updatedAt;
  private final Deque<AgentHistory.Rate> rates = new ArrayDeque<>();
  private final Deque<AgentHistory.Power> power = new ArrayDeque<>();
  private final Deque<LiveEvent> events = new ArrayDeque<>();

  AgentLog(String agentId) {
    this.agentId = agentId;
  }

  synchronized LiveAgent birth(Registration r) {
    online = true;
    labels = r.labels();
    Map<String, Latest> old = new LinkedHashMap<>(pipelines);
    pipelines.clear();
    for (PipelineInfo p : r.pipelines()) {
      Latest prev = old.get(p.name());
      pipelines.put(p.name(), prev != null && r.incarnation().equals(prev.incarnation()) ? prev
          : new Latest(p.activeVariant(), null, null, null, r.incarnation(), null, 0));
    }
    return now();
  }

  synchronized LiveAgent status(boolean isOnline) {
    online = isOnline;
    return now();
  }

  synchronized LiveAgent heartbeat(Heartbeat h) {
    for (PipelineKpi k : h.pipelines()) {
      Latest prev = pipelines.get(k.name());
      Double rate = null;
      if (prev != null && prev.at() != null && h.incarnation().equals(prev.incarnation())
          && k.results() >= prev.results() && h.at().isAfter(prev.at())) {
        rate = (k.results() - prev.results()) / (Duration.between(prev.at(), h.at()).toNanos() / 1e9);
      }
      pipelines.put(k.name(), new Latest(k.activeVariant(), k.missRate(), k.p99Ms(), rate, h.incarnation(), h.at(),
          k.results()));
      add(rates, new AgentHistory.Rate(h.at(), k.name(), k.activeVariant(), rate, k.p99Ms(), k.missRate()),
          LiveBoard.HISTORY);
    }
    updatedAt = h.at();
    return now();
  }

  synchronized LiveAgent telemetry(Telemetry t) {
    telemetry = t;
    updatedAt = t.at();
    add(power, new AgentHistory.Power(t.at(), t.cpuPercent(), t.batteryPercent(), t.watts(), t.energyJoules()),
        LiveBoard.HISTORY);
    return now();
  }

  synchronized void event(LiveEvent e) {
    add(events, e, LiveBoard.EVENTS);
  }

  synchronized LiveAgent now() {
    List<LiveAgent.Pipeline> out = new ArrayList<>();
    pipelines.forEach((name, l) -> out.add(new LiveAgent.Pipeline(name, l.activeVariant(), l.missRate(), l.p99Ms(),
        l.rate())));
    Telemetry t = telemetry;
    return new LiveAgent(agentId, online, labels, out, t == null ? null : t.cpuPercent(),
        t == null ? null : t.batteryPercent(), t == null ? null : t.watts(), t == null ? null : t.energyJoules(),
        updatedAt);
  }

  synchronized AgentHistory history() {
    return new AgentHistory(now(), List.copyOf(rates), List.copyOf(power), List.copyOf(events));
  }

  private static <T> void add(Deque<T> q, T value, int max) {
    q.addLast(value);
    if (q.size() > max) q.removeFirst();
  }
}
