package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.ReportedRecord;
import io.edgeladder.controller.store.fleet.Hardware;
import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatReport;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Agents as the controller's store sees them: births, heartbeats and reported states written into
 * the real registry and desired-state store, as the fleet ingest writes them. Each agent applies the
 * newest desired state on {@link #step()} and sends one heartbeat whose KPIs depend on the release
 * its {@value #PIPELINE} pipeline runs. Not thread-safe (the test thread drives it).
 */
final class SimFleet {
  static final String MODEL = "pump-ae";
  static final String PIPELINE = "vibration";
  static final String OTHER_MODEL = "kws";

  /** KPIs one heartbeat reports. */
  record Kpi(double missRate, double errorRate, double p99Ms) {}

  /** One simulated agent; tests flip its fields to make it misbehave. */
  static final class Agent {
    final String id;
    String release;
    long appliedVersion;
    long seq;
    boolean silent;
    boolean deaf;
    ApplyState answer = ApplyState.APPLIED;
    Kpi override;

    Agent(String id, String release) {
      this.id = id;
      this.release = release;
    }
  }

  private final Supplier<Store> store;
  private final Map<String, Agent> agents = new TreeMap<>();
  private final Map<String, Kpi> kpiByRelease = new HashMap<>();
  private final Kpi healthy = new Kpi(0.01, 0.0, 10.0);

  SimFleet(Supplier<Store> store) {
    this.store = store;
  }

  /** Registers an agent running {@code release} (null = local ladder) with a second, unrelated pipeline. */
  Agent add(String id, String release, Map<String, String> labels) {
    Registration r = new Registration(id, "inc-" + id, Instant.parse("2026-03-01T09:00:00Z"), "0.1.0",
        "17.0.15", "1.29.0", new Hardware("Cortex-A72", 4, "aarch64", "Linux 6.1", 4L << 30, List.of("neon")),
        labels, List.of(new PipelineInfo(PIPELINE, MODEL, "fp32", release),
            new PipelineInfo("audio", OTHER_MODEL, "int8", null)),
        List.of(), null);
    store.get().agents().register(r);
    Agent a = new Agent(id, release);
    agents.put(id, a);
    return a;
  }

  Agent agent(String id) {
    return agents.get(id);
  }

  /** KPIs every agent running {@code release} reports (default: healthy, 10 ms p99). */
  void kpis(String release, Kpi kpi) {
    kpiByRelease.put(release, kpi);
  }

  /** Every agent applies its newest desired state (unless deaf), then heartbeats (unless silent). */
  void step() {
    agents.values().forEach(this::apply);
    agents.values().forEach(this::beat);
  }

  /** Heartbeats only. */
  void beat() {
    agents.values().forEach(this::beat);
  }

  private void apply(Agent a) {
    Optional<DesiredRecord> desired = store.get().desiredStates().get(a.id).flatMap(s -> s.desired());
    if (a.deaf || desired.isEmpty() || desired.get().version() <= a.appliedVersion) {
      return;
    }
    DesiredRecord d = desired.get();
    if (a.answer == ApplyState.APPLIED) {
      a.release = pipelineRelease(d);
    }
    a.appliedVersion = d.version();
    store.get().desiredStates().report(new ReportedRecord(a.id, d.version(), a.answer,
        "{\"agentId\":\"" + a.id + "\",\"desiredVersion\":" + d.version() + "}",
        store.get().agents().find(a.id).orElseThrow().lastSeen()));
  }

  private void beat(Agent a) {
    if (a.silent) {
      return;
    }
    Kpi k = a.override != null ? a.override : kpiByRelease.getOrDefault(a.release, healthy);
    PipelineKpis vib = new PipelineKpis(PIPELINE, "fp32", null, 100 * (a.seq + 1), 99 * (a.seq + 1),
        a.seq, 0, k.missRate(), k.errorRate(), k.p99Ms());
    PipelineKpis audio = new PipelineKpis("audio", "int8", null, 10, 10, 0, 0, 0, 0, 3);
    HeartbeatOutcome o = store.get().agents().heartbeat(new HeartbeatReport(a.id, "inc-" + a.id, a.seq++,
        1000 * a.seq, a.appliedVersion, List.of(vib, audio)));
    if (o != HeartbeatOutcome.RECORDED) {
      throw new IllegalStateException("heartbeat of " + a.id + " was " + o);
    }
  }

  /** The release the desired state names for the {@value #PIPELINE} pipeline. */
  static String pipelineRelease(DesiredRecord d) {
    try {
      for (PipelineDesired p : DesiredState.parse(d.json().getBytes(StandardCharsets.UTF_8)).pipelines()) {
        if (p.name().equals(PIPELINE)) {
          return p.releaseSha();
        }
      }
    } catch (io.edgeladder.protocol.ProtocolException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("desired state " + d.version() + " of " + d.agentId() + " has no "
        + PIPELINE + " pipeline: " + d.json());
  }
}
