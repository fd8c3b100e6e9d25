package io.edgeladder.agent.monitor;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.monitor.linux.LinuxProbe;
import io.edgeladder.agent.monitor.sim.HarvestTrace;
import io.edgeladder.agent.monitor.sim.PowerModel;
import io.edgeladder.agent.monitor.sim.SimulatedPower;
import io.edgeladder.agent.monitor.sim.SimulatedPowerProbe;
import io.edgeladder.agent.transport.Transport;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The agent's monitor as {@code monitor:} configures it: Linux probes under the root, optionally with a
 * simulated battery, sampled on its own low-priority daemon thread {@code edge-monitor}.
 */
public final class AgentMonitor implements AutoCloseable {
  private final ResourceMonitor monitor;
  private final SimulatedPower simulatedPower;
  private final ScheduledExecutorService executor;

  private AgentMonitor(ResourceMonitor monitor, SimulatedPower simulatedPower, ScheduledExecutorService executor) {
    this.monitor = monitor;
    this.simulatedPower = simulatedPower;
    this.executor = executor;
  }

  /**
   * Builds and starts the monitor (first sample at once).
   *
   * @throws IOException when the harvest trace file cannot be read (the loader has checked it already)
   */
  public static AgentMonitor start(AgentConfig config, Transport transport, MeterRegistry registry, Clock clock)
      throws IOException {
    AgentConfig.Monitor m = config.monitor();
    ResourceProbe probe = LinuxProbe.of(m.root(), clock, new ProblemLog(clock));
    SimulatedPower sim = null;
    if (m.power().simulated()) {
      AgentConfig.Power p = m.power();
      HarvestTrace harvest = switch (p.harvest()) {
        case "diurnal" -> HarvestTrace.diurnal(p.harvestPeakWatts(), p.harvestPeriodSeconds(), 0.3, p.seed());
        case "csv" -> HarvestTrace.fromCsv(p.harvestCsv());
        default -> HarvestTrace.none();
      };
      sim = SimulatedPower.of(new PowerModel(p.batteryWh(), p.initialSoc(), p.idleWatts(), p.wattsPerCore()),
          harvest, clock);
      probe = new SimulatedPowerProbe(probe, sim);
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "edge-monitor");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY); // sampling must never compete with inference
      return t;
    });
    ResourceMonitor monitor = ResourceMonitor.create(config.agentId(), probe, transport, registry, executor,
        new MonitorSettings(Duration.ofMillis(m.periodMillis()), Duration.ofMillis(m.telemetryPeriodMillis())));
    monitor.start();
    return new AgentMonitor(monitor, sim, executor);
  }

  public ResourceMonitor monitor() {
    return monitor;
  }

  /** The simulated battery, or null with {@code source: linux}. */
  public SimulatedPower simulatedPower() {
    return simulatedPower;
  }

  @Override
  public void close() {
    monitor.close();
    executor.shutdownNow();
  }
}
