package io.edgeladder.demo;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.app.AgentStartException;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigException;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.agent.monitor.sim.HarvestTrace;
import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.app.ControllerConfig;
import io.edgeladder.controller.app.ControllerConfigLoader;
import io.edgeladder.controller.fleet.AgentView;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One fleet demo run: the broker (embedded unless one is given), the controller (embedded H2 in a fresh
 * temporary data folder, signing key generated at start, REST API on a free port), one agent per YAML file
 * of the fleet folder (each with its own state folder and the controller's public key), a simulator per
 * agent, the {@link FleetPush} (build, sign, publish, desired state for {@code site=demo}), the CPU hog and
 * battery {@link Scenario}, the swap timeline of every agent and the {@link FleetTable}, driven once a second
 * on the calling thread until the duration ends (or forever). Closes everything it started.
 */
final class FleetRun {
  /**
   * @param repo the repository root: models/ for the ladder build
   * @param fleetDir agent configs, one agent per {@code *.yaml}
   * @param controllerConfig the controller's YAML
   */
  record Options(DemoRun.Options common, Path repo, Path controllerConfig, Path fleetDir) {}

  /**
   * @param exitCode 0 when the run ended normally, 2 for a bad config, 3 when a part did not start
   * @param events the timeline's agent events
   * @param registered agents the controller's registry holds at the end
   * @param installed agents that report the pushed release applied at the end
   * @param releaseSha the pushed release, null when the push did not finish
   * @param servedTogether every set of variants ({@code id sha256-prefix}) the agents served at the same second
   *     after the push
   */
  record Outcome(int exitCode, List<AgentEvent> events, int registered, int installed, String releaseSha,
      Set<Set<String>> servedTogether) {}

  private FleetRun() {}

  static Outcome run(Options o) throws Exception {
    DemoRun.Options c = o.common();
    PrintStream out = c.out();
    DemoParts parts = DemoParts.broker(c, out);
    Path work = Files.createTempDirectory("edgeladder-fleet-demo-");
    parts.addFirst(() -> deleteTree(work)); // after everything that writes there has stopped
    try {
      String url = parts.url();
      ControllerConfig cc;
      try {
        cc = ControllerConfigLoader.load(o.controllerConfig(), Map.of("EDGELADDER_BROKER_URL", url,
            "EDGELADDER_DATA_DIR", work.resolve("controller").toString()));
      } catch (io.edgeladder.controller.app.ConfigException e) {
        out.println(e.getMessage());
        return failed(2);
      }
      Controller controller = parts.add(Controller.start(cc, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          java.time.Clock.systemUTC(), Duration.ofSeconds(20)));
      out.println("controller " + cc.broker().clientId() + ": REST API http://" + cc.http().host() + ":"
          + controller.apiPort() + "/api/v1 (try /agents with the bearer token in " + cc.http().tokenFile()
          + "), signing key " + controller.keyId() + ", data " + work + " (deleted at exit)");
      out.println("web console: http://" + cc.http().host() + ":" + controller.apiPort()
          + "/console/ (sign in with that token)");
      SwapTimeline timeline = parts.add(SwapTimeline.ofFleet(url));
      List<FleetMember> members;
      try {
        members = agents(o, c, url, cc.publicKey(), work, parts);
      } catch (ConfigException e) {
        out.println(e.getMessage());
        return failed(2);
      } catch (AgentStartException e) {
        out.println(e.getMessage());
        return failed(3);
      }
      Map<String, io.edgeladder.simulator.SensorSimulator> sims = new TreeMap<>();
      Map<String, String> machines = new TreeMap<>();
      for (FleetMember m : members) {
        sims.put(m.id, m.sensors);
        machines.put(m.id, m.machine());
      }
      ResultTracker tracker = parts.add(ResultTracker.byAgent(url, sims, machines));
      FleetMember battery = members.stream().filter(m -> m.device.power() != null).findFirst().orElse(members.get(0));
      Scenario scenario = new Scenario(c.hogStart(), c.hogStop(), c.hogCores(), cycle(battery.config, c.hogStop()));
      ScenarioRunner runner = parts.add(new ScenarioRunner(scenario, battery.device,
          battery.config.adaptive().energyFloor()));
      long start = System.nanoTime();
      long startMillis = System.currentTimeMillis();
      FleetPush push = FleetPush.start(controller, o.repo(), work, members.get(0).pipeline(), start);
      intro(out, members, url, scenario, battery.id);

      FleetTable table = new FleetTable(out, !c.plain() && System.console() != null);
      Set<Set<String>> together = new java.util.LinkedHashSet<>();
      long end = c.duration() == null ? Long.MAX_VALUE : start + c.duration().toNanos();
      for (long second = 1; System.nanoTime() - end < 0; second++) {
        Thread.sleep(Math.max(0, (start + Duration.ofSeconds(second).toNanos() - System.nanoTime()) / 1_000_000));
        List<String> lines = new ArrayList<>(runner.step((System.nanoTime() - start) / 1e9));
        lines.addAll(push.drain());
        for (AgentEvent e : timeline.drain()) {
          String ctx = members.stream().filter(m -> m.id.equals(e.agent())).findFirst().map(FleetMember::context)
              .orElse("-");
          lines.add(SwapTimeline.fleetLine(e, startMillis, ctx));
        }
        List<FleetTable.Row> rows = new ArrayList<>();
        for (FleetMember m : members) rows.add(m.row(controller.fleet().get(m.id), tracker.tally(m.id)));
        table.render(second, rows, lines);
        if (push.release().isDone() && !push.release().isCompletedExceptionally()) {
          Set<String> now = new TreeSet<>();
          members.forEach(m -> now.add(m.serving()));
          together.add(now);
        }
      }
      String sha = push.release().isDone() && !push.release().isCompletedExceptionally() ? push.release().get() : null;
      List<AgentView> views = controller.fleet().list(LabelSelector.all());
      int installed = (int) views.stream().filter(v -> sha != null && !v.drift().inDrift()
          && v.pipelines().stream().allMatch(p -> sha.equals(p.releaseSha()))).count();
      parts.close();
      summary(out, tracker, members);
      return new Outcome(0, timeline.events(), views.size(), installed, sha, together);
    } finally {
      parts.close();
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private static Outcome failed(int code) {
    return new Outcome(code, List.of(), 0, 0, null, Set.of());
  }

  private static List<FleetMember> agents(Options o, DemoRun.Options c, String url, Path publicKey, Path work,
      DemoParts parts) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(o.fleetDir())) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    if (files.isEmpty()) throw new ConfigException(o.fleetDir().toString(), List.of("holds no agent *.yaml"));
    List<FleetMember> members = new ArrayList<>();
    long seed = 11;
    for (Path f : files) {
      String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
      AgentConfig cfg = ConfigLoader.load(f, Map.of("EDGELADDER_BROKER_URL", url,
          "EDGELADDER_CONTROL_PUBLIC_KEY", publicKey.toString(),
          "EDGELADDER_ADAPTIVE_STATE_DIR", work.resolve("agents").resolve(name).toString()));
      Agent agent = parts.add(Agent.start(cfg, Clock.SYSTEM));
      var sim = parts.add(DemoRun.simulator(url, cfg.pipelines().get(0), c.dwell(), c.noise(), seed));
      seed += 11;
      members.add(new FleetMember(agent, cfg, sim));
    }
    return members;
  }

  private static double cycle(AgentConfig cfg, double hogStop) throws java.io.IOException {
    AgentConfig.Power p = cfg.monitor().power();
    double trace = p.harvestCsv() != null ? HarvestTrace.fromCsv(p.harvestCsv()).periodSeconds() : 90;
    return Math.max(trace, hogStop);
  }

  private static void intro(PrintStream out, List<FleetMember> members, String url, Scenario s, String batteryAgent) {
    for (FleetMember m : members) {
      out.println("agent " + m.id + ": labels " + m.config.control().labels() + ", deadline "
          + m.config.pipelines().get(0).deadlineMillis() + " ms, " + m.battery() + ", sensors of " + m.machine());
    }
    out.printf(java.util.Locale.ROOT, "scenario (repeats every %.0f s): CPU hog process on %d core(s) from %.0f s "
        + "to %.0f s (every agent's monitor sees it; gw-c's tight deadline feels it); %s's battery drains and "
        + "recharges from its harvest trace%n", s.cycleSeconds(), s.hogCores(), s.hogStartSeconds(), s.hogStopSeconds(),
        batteryAgent);
    out.println("fleet events: mosquitto_sub -h 127.0.0.1 -p " + url.replaceFirst(".*:", "") + " -t 'fleet/+/events' -v");
    out.println();
  }

  private static void summary(PrintStream out, ResultTracker tracker, List<FleetMember> members) {
    out.println();
    out.println("live accuracy per agent and variant:");
    for (FleetMember m : members) {
      tracker.tally(m.id).byVariant.forEach((variant, n) -> out.printf(java.util.Locale.ROOT,
          "%-5s %-10s %7d windows scored, live accuracy %5.1f %%%n", m.id, variant, n[0],
          n[0] == 0 ? 0.0 : 100.0 * n[1] / n[0]));
    }
  }
}
