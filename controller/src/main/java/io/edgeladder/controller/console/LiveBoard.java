package io.edgeladder.controller.console;

import io.edgeladder.controller.fleet.FleetListener;
import io.edgeladder.controller.fleet.Telemetry;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.fleet.Heartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live state, fed by {@link io.edgeladder.controller.fleet.FleetIngest} as a
 * {@link FleetListener}: per agent the latest figures ({@link LiveAgent}) and a short history
 * ({@link AgentHistory}), in memory only (a restarted controller starts empty and fills with the next
 * heartbeats and telemetry). Every change is pushed to the {@link Subscriber}s (the console's event streams).
 *
 * <p><b>Threads:</b> listener calls arrive on ingest lane threads, reads on API threads. Each agent's
 * {@link AgentLog} is guarded by its own monitor; subscribers are called on the lane thread after it is
 * released, and must only hand the value on (a throwing subscriber is logged and skipped).
 */
public final class LiveBoard implements FleetListener {
  /** Points kept per agent and series: 120 heartbeats at the default 5 s are 10 minutes. */
  public static final int HISTORY = 120;
  /** Events kept per agent. */
  public static final int EVENTS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(LiveBoard.class);

  /** Receives every change; called on an ingest lane thread. */
  public interface Subscriber {
    void agent(LiveAgent agent);

    void event(LiveEvent event);
  }

  private final ConcurrentMap<String, AgentLog> agents = new ConcurrentHashMap<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  public void subscribe(Subscriber s) {
    subscribers.add(s);
  }

  public void unsubscribe(Subscriber s) {
    subscribers.remove(s);
  }

  /** Open subscriptions (a gauge). */
  public int subscribers() {
    return subscribers.size();
  }

  /** Every agent heard of since start, sorted by id. */
  public List<LiveAgent> agents() {
    return agents.values().stream().map(AgentLog::now).sorted((a, b) -> a.agentId().compareTo(b.agentId()))
        .toList();
  }

  /** The agent's history, empty if nothing was heard from it since start. */
  public Optional<AgentHistory> history(String agentId) {
    return Optional.ofNullable(agents.get(agentId)).map(AgentLog::history);
  }

  @Override
  public void onBirth(Registration r, BirthOutcome outcome) {
    push(log(r.agentId()).birth(r));
  }

  @Override
  public void onStatus(String agentId, AgentStatus status) {
    push(log(agentId).status(status == AgentStatus.ONLINE));
  }

  @Override
  public void onHeartbeat(Heartbeat h) {
    push(log(h.agentId()).heartbeat(h));
  }

  @Override
  public void onTelemetry(Telemetry t) {
    push(log(t.agentId()).telemetry(t));
  }

  @Override
  public void onEvent(AgentEvent e) {
    LiveEvent event = new LiveEvent(e.agent(), e.type(), Instant.ofEpochMilli(e.time()), e.pipeline(), e.message(),
        e.details());
    log(e.agent()).event(event);
    for (Subscriber s : subscribers) {
      try {
        s.event(event);
      } catch (RuntimeException ex) {
        LOG.error("live subscriber {} failed", s, ex);
      }
    }
  }

  private AgentLog log(String agentId) {
    return agents.computeIfAbsent(agentId, AgentLog::new);
  }

  private void push(LiveAgent a) {
    for (Subscriber s : subscribers) {
      try {
        s.agent(a);
      } catch (RuntimeException ex) {
        LOG.error("live subscriber {} failed", s, ex);
      }
    }
  }
}
