package io.edgeladder.bench.fleet;

import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatReport;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.Registration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real registry, with each stored heartbeat's ingest lag taken when its database write returned: now minus
 * the send time ({@code startedAtMs + uptimeMs}, both wall clock of this machine, 1 ms resolution). Thread-safe:
 * ingest lanes call it concurrently; samples beyond {@code capacity} are counted but not kept.
 */
final class TimedRegistry implements AgentRegistry {
  private final AgentRegistry delegate;
  private final long startedAtMs;
  private final double[] lagMs;
  private final AtomicInteger recorded = new AtomicInteger();
  private final AtomicInteger other = new AtomicInteger();

  TimedRegistry(AgentRegistry delegate, long startedAtMs, int capacity) {
    this.delegate = delegate;
    this.startedAtMs = startedAtMs;
    this.lagMs = new double[capacity];
  }

  @Override
  public HeartbeatOutcome heartbeat(HeartbeatReport heartbeat) {
    HeartbeatOutcome o = delegate.heartbeat(heartbeat);
    Instant now = Instant.now();
    double lag = (now.getEpochSecond() * 1000 + now.getNano() / 1e6) - (startedAtMs + heartbeat.uptimeMs());
    if (o == HeartbeatOutcome.RECORDED) {
      int i = recorded.getAndIncrement();
      if (i < lagMs.length) lagMs[i] = lag;
    } else {
      other.incrementAndGet();
    }
    return o;
  }

  /** Heartbeats recorded for the current incarnation. */
  int recorded() {
    return recorded.get();
  }

  /** Heartbeats with any other outcome (expected 0). */
  int other() {
    return other.get();
  }

  /** Call after the last heartbeat was recorded (the lanes' writes are published by {@link #recorded}). */
  List<Double> lags() {
    int n = Math.min(recorded.get(), lagMs.length);
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(lagMs[i]);
    return out;
  }

  @Override
  public BirthOutcome register(Registration registration) {
    return delegate.register(registration);
  }

  @Override
  public boolean setStatus(String agentId, AgentStatus status) {
    return delegate.setStatus(agentId, status);
  }

  @Override
  public List<String> markSilentOffline(Instant lastSeenBefore) {
    return delegate.markSilentOffline(lastSeenBefore);
  }

  @Override
  public boolean clearDuplicate(String agentId) {
    return delegate.clearDuplicate(agentId);
  }

  @Override
  public Optional<AgentRecord> find(String agentId) {
    return delegate.find(agentId);
  }

  @Override
  public List<AgentRecord> list(LabelSelector selector) {
    return delegate.list(selector);
  }

  @Override
  public List<KpiSample> kpiHistory(String agentId, String pipeline, Instant since) {
    return delegate.kpiHistory(agentId, pipeline, since);
  }
}
