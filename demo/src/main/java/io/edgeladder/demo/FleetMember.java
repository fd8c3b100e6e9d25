package io.edgeladder.demo;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.controller.fleet.AgentView;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import io.edgeladder.simulator.SensorSimulator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One gateway of the fleet demo: the running agent, its config, what its monitor sees, and the simulator
 * feeding its machine. Builds its table row from the controller's view (online, release, variant, heartbeat
 * KPIs) and the agent's own monitor (battery, load). Demo loop thread only.
 */
final class FleetMember {
  final String id;
  final Agent agent;
  final AgentConfig config;
  final DeviceState device;
  final SensorSimulator sensors;
  private long lastResults;

  FleetMember(Agent agent, AgentConfig config, SensorSimulator sensors) {
    this.id = config.agentId();
    this.agent = agent;
    this.config = config;
    this.device = new DeviceState(agent.monitor());
    this.sensors = sensors;
  }

  String pipeline() {
    return config.pipelines().get(0).name();
  }

  /** The machine its sensors simulate, from {@code sensors/{machine}/vibration}. */
  String machine() {
    return config.pipelines().get(0).topic().split("/")[1];
  }

  /** {@code id sha256-prefix} of the variant serving now, as the agent itself says (base has fp32's bytes). */
  @SuppressWarnings("unchecked")
  String serving() {
    Map<String, Object> p = ((List<Map<String, Object>>) agent.status().get("pipelines")).get(0);
    return p.get("variant") + " " + String.valueOf(p.get("sha256")).substring(0, 8);
  }

  FleetTable.Row row(Optional<AgentView> view, ResultTracker.Tally tally) {
    long results = tally.results;
    double rate = results - lastResults;
    lastResults = results;
    String accuracy = tally.scored == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * tally.correct
        / tally.scored);
    if (view.isEmpty() || view.get().pipelines().isEmpty()) {
      return new FleetTable.Row(id, false, "-", "-", battery(), device.otherLoadCores(), rate, 0, 0, 0,
          accuracy);
    }
    AgentView.Pipeline p = view.get().pipelines().get(0);
    PipelineKpis k = p.kpis();
    return new FleetTable.Row(id, view.get().online(), p.releaseSha() == null ? "-" : p.releaseSha().substring(0, 8),
        p.activeVariant(), battery(), device.otherLoadCores(), rate, k == null ? 0 : k.deadlineMisses(),
        k == null ? 0 : k.missRate(), k == null ? 0 : k.p99Ms(), accuracy);
  }

  /** {@code 41% discharging 0.0 W} for a simulated battery, else {@code mains}. */
  String battery() {
    var p = device.power();
    return p == null ? "mains" : String.format(Locale.ROOT, "%3.0f%% %-11s %3.1f W", p.batteryPercent(),
        p.status().name().toLowerCase(Locale.ROOT), Double.isNaN(p.harvestWatts()) ? 0 : p.harvestWatts());
  }

  /** The timeline's context for this agent's events: battery and background load at that moment. */
  String context() {
    double load = device.otherLoadCores();
    return battery() + (Double.isNaN(load) ? "" : String.format(Locale.ROOT, ", load %.1f cores", load));
  }
}
