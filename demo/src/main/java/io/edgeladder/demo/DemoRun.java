package io.edgeladder.demo;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.app.AgentStartException;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigException;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.agent.monitor.sim.HarvestTrace;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import io.micrometer.core.instrument.Clock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One demo run: the broker (embedded unless one is given), the agent from the config, a simulator per
 * pipeline, the result tracker, the swap timeline, the {@link Scenario} and the terminal view, driven once
 * a second on the calling thread until the duration ends (or forever). Closes everything it started.
 */
final class DemoRun {
  /**
   * @param brokerUrl an external broker, or null to start the embedded one on {@code port}
   * @param duration how long to run, or null for until the process is stopped
   * @param noise white noise of the simulated sensors, m/s² (the demo ladder was evaluated at 0.5..1.5)
   * @param hogStart second of each harvest-trace period the CPU hog starts
   * @param hogStop second of each period it stops
   * @param hogCores cores it burns
   */
  record Options(String brokerUrl, int port, Path config, Duration dwell, Duration duration, boolean plain,
      double noise, double hogStart, double hogStop, int hogCores, PrintStream out) {}

  /**
   * @param exitCode 0 when the run ended normally, 2 for a bad config, 3 when the agent did not start
   * @param events the timeline's events (switch decisions, swap outcomes, profile refreshes)
   * @param hogsStarted CPU hog processes the scenario started
   */
  record Outcome(int exitCode, List<AgentEvent> events, int hogsStarted) {}

  private DemoRun() {}

  static Outcome run(Options o) throws Exception {
    PrintStream out = o.out();
    EmbeddedBroker embedded = null;
    String url = o.brokerUrl();
    if (url == null) {
      embedded = EmbeddedBroker.start(EmbeddedBroker.Options.ofDefaults().withPort(o.port()));
      url = embedded.url();
      out.println("embedded MQTT v5 broker (HiveMQ CE) at " + url
          + (embedded.portWasTaken() ? "  (port " + o.port() + " was taken; picked " + embedded.port() + ")" : ""));
    } else {
      out.println("using broker " + url);
    }
    List<AutoCloseable> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    if (embedded != null) open.add(embedded);
    // Ctrl-C: stop the hog process, the simulators and the agent in order, then the broker.
    Thread hook = new Thread(() -> closeAll(open), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      AgentConfig cfg;
      try {
        cfg = ConfigLoader.load(o.config(), Map.of("EDGELADDER_BROKER_URL", url));
      } catch (ConfigException e) {
        out.println(e.getMessage());
        return new Outcome(2, List.of(), 0);
      }
      // Subscribed before the agent starts: its first decisions come within one policy period.
      SwapTimeline timeline = new SwapTimeline(url, cfg.agentId());
      open.add(0, timeline);
      Agent agent;
      try {
        agent = Agent.start(cfg, Clock.SYSTEM);
      } catch (AgentStartException e) {
        out.println(e.getMessage());
        return new Outcome(3, timeline.events(), 0);
      }
      open.add(0, agent);
      long startMillis = System.currentTimeMillis();
      long start = System.nanoTime();
      Map<String, SensorSimulator> sims = new LinkedHashMap<>();
      long seed = 11;
      for (AgentConfig.Pipeline p : cfg.pipelines()) {
        SensorSimulator sim = simulator(url, p, o.dwell(), o.noise(), seed);
        seed += 11;
        sims.put(p.name(), sim);
        open.add(0, sim);
      }
      ResultTracker tracker = new ResultTracker(url, sims);
      open.add(0, tracker);
      DeviceState device = new DeviceState(agent.monitor());
      Scenario scenario = new Scenario(o.hogStart(), o.hogStop(), o.hogCores(), cycle(cfg, o.hogStop()));
      ScenarioRunner runner = new ScenarioRunner(scenario, device, cfg.adaptive().energyFloor());
      open.add(0, runner);
      intro(out, cfg, agent, url, o, scenario);

      TerminalView view = new TerminalView(out, !o.plain() && System.console() != null, tracker);
      long end = o.duration() == null ? Long.MAX_VALUE : start + o.duration().toNanos();
      for (long second = 1; System.nanoTime() - end < 0; second++) {
        long wakeAt = start + Duration.ofSeconds(second).toNanos();
        Thread.sleep(Math.max(0, (wakeAt - System.nanoTime()) / 1_000_000));
        List<String> lines = new ArrayList<>(runner.step((System.nanoTime() - start) / 1e9));
        for (AgentEvent e : timeline.drain()) lines.add(SwapTimeline.line(e, startMillis, context(device, agent, e)));
        view.render(second, agent.status(), 1.0, lines, device.describe());
      }
      closeAll(open);
      summary(out, tracker, sims.keySet());
      return new Outcome(0, timeline.events(), runner.hogsStarted());
    } finally {
      closeAll(open);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running
      }
    }
  }

  /** The harvest CSV's period, so hog and battery cycles line up; 90 s (or the hog's stop) without one. */
  private static double cycle(AgentConfig cfg, double hogStop) throws java.io.IOException {
    AgentConfig.Power p = cfg.monitor().power();
    double trace = p.harvestCsv() != null ? HarvestTrace.fromCsv(p.harvestCsv()).periodSeconds() : 90;
    return Math.max(trace, hogStop);
  }

  private static String context(DeviceState device, Agent agent, AgentEvent e) {
    Object misses = "-";
    if (agent.status().get("pipelines") instanceof List<?> ps) {
      for (Object p : ps) {
        if (p instanceof Map<?, ?> m && e.pipeline() != null && e.pipeline().equals(m.get("name"))) {
          misses = m.get("deadlineMisses");
        }
      }
    }
    return device.describe() + " | misses " + misses;
  }

  static SensorSimulator simulator(String url, AgentConfig.Pipeline p, Duration dwell, double noise, long seed)
      throws Exception {
    PayloadFormat format = switch (p.format()) {
      case RAW_F32LE -> PayloadFormat.RAW;
      case SENML -> PayloadFormat.SENML;
      case JSON -> PayloadFormat.JSON;
    };
    String machine = p.topic().split("/").length == 3 ? p.topic().split("/")[1] : p.name();
    return SensorSimulator.start(SimulatorConfig.builder()
        .brokerUri(url)
        .clientId("edgeladder-demo-sim-" + machine)
        .machines(List.of(machine))
        .format(format)
        .schedule(ConditionSchedule.cycle(dwell))
        .noise(noise)
        .seed(seed)
        .build());
  }

  private static void intro(PrintStream out, AgentConfig cfg, Agent agent, String url, Options o, Scenario s) {
    String host = url.replaceFirst("^[a-z]+://", "").replaceFirst(":\\d+$", "");
    String port = url.replaceFirst(".*:", "");
    out.println("agent " + cfg.agentId() + ": http://127.0.0.1:" + agent.httpPort() + "/status  /metrics");
    out.println("results: mosquitto_sub -h " + host + " -p " + port + " -t 'inference/#' -v");
    out.println("events:  mosquitto_sub -h " + host + " -p " + port + " -t 'fleet/" + cfg.agentId() + "/events' -v");
    out.printf(Locale.ROOT, "scenario (repeats every %.0f s): CPU hog on %d core(s) from %.0f s to %.0f s; "
        + "battery and harvest from %s%n", s.cycleSeconds(), s.hogCores(), s.hogStartSeconds(), s.hogStopSeconds(),
        cfg.monitor().power().harvestCsv() == null ? "monitor.power" : cfg.monitor().power().harvestCsv());
    out.println("conditions cycle every " + o.dwell().toSeconds() + " s at sensor noise " + o.noise()
        + " m/s2" + (o.duration() == null ? "; Ctrl-C stops" : ""));
    out.println();
  }

  /** Live accuracy per variant that served, from the results the tracker scored (read after it closed). */
  private static void summary(PrintStream out, ResultTracker tracker, Iterable<String> pipelines) {
    out.println();
    out.println("live accuracy per variant (it depends on which injected conditions each variant happened to"
        + " serve; the ladder's accuracies come from 500 held-out windows):");
    for (String p : pipelines) {
      tracker.tally(p).byVariant.forEach((variant, n) -> out.printf(Locale.ROOT,
          "%-8s %-10s %7d windows scored, live accuracy %5.1f %%%n", p, variant, n[0],
          n[0] == 0 ? 0.0 : 100.0 * n[1] / n[0]));
    }
  }

  /** Closes and forgets each part; called by the loop's thread or the shutdown hook. */
  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable c : parts) {
      if (!parts.remove(c)) continue; // the other caller got it first
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("while stopping the demo: " + c.getClass().getSimpleName() + ": " + e);
      }
    }
  }
}
