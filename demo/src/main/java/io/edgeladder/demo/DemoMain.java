package io.edgeladder.demo;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.app.AgentStartException;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigException;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The zero-setup demo: an embedded MQTT v5 broker, one agent with two pipelines (raw float32 and
 * SenML), and a vibration simulator per machine whose injected condition cycles; a live view compares
 * the agent's predictions with the injected truth.
 */
@Command(name = "edgeladder-demo", mixinStandardHelpOptions = true,
    description = "Broker + agent + simulator with live results in the terminal.")
public final class DemoMain implements Callable<Integer> {
  @Option(names = "--broker", description = "use this MQTT v5 broker (e.g. tcp://127.0.0.1:1883) "
      + "instead of starting the embedded one")
  String broker;

  @Option(names = "--port", defaultValue = "1883",
      description = "embedded broker port; a free one is picked when taken (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--config", defaultValue = "configs/demo.yaml",
      description = "agent configuration (default: ${DEFAULT-VALUE})")
  Path config;

  @Option(names = "--dwell", defaultValue = "8s",
      description = "how long each injected condition lasts (default: ${DEFAULT-VALUE})")
  String dwell;

  @Option(names = "--duration", description = "stop after this long, e.g. 60s (default: until Ctrl-C)")
  String duration;

  @Option(names = "--plain", description = "append lines instead of redrawing in place")
  boolean plain;

  @Override
  public Integer call() throws Exception {
    EmbeddedBroker embedded = null;
    String url = broker;
    if (url == null) {
      embedded = EmbeddedBroker.start(EmbeddedBroker.Options.ofDefaults().withPort(port));
      url = embedded.url();
      System.out.println("embedded MQTT v5 broker (HiveMQ CE) at " + url
          + (embedded.portWasTaken() ? "  (port " + port + " was taken; picked " + embedded.port() + ")" : ""));
    } else {
      System.out.println("using broker " + url);
    }
    AgentConfig cfg;
    try {
      cfg = ConfigLoader.load(config, Map.of("EDGELADDER_BROKER_URL", url));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      close(embedded);
      return 2;
    }
    // Subscribed before the agent starts: its first decisions come within one policy period.
    SwapTimeline timeline = new SwapTimeline(url, cfg.agentId());
    Agent agent;
    try {
      agent = Agent.start(cfg, Clock.SYSTEM);
    } catch (AgentStartException e) {
      System.err.println(e.getMessage());
      timeline.close();
      close(embedded);
      return 3;
    }
    Map<String, SensorSimulator> sims = new LinkedHashMap<>();
    Duration dwellTime = Duration.parse("PT" + dwell.toUpperCase());
    sims.put("pump-1", simulator(url, "pump-1", PayloadFormat.RAW, dwellTime, 11));
    sims.put("fan-2", simulator(url, "fan-2", PayloadFormat.SENML, dwellTime, 22));
    ResultTracker tracker = new ResultTracker(url, sims);
    String host = url.replaceFirst("^[a-z]+://", "").replaceFirst(":\\d+$", "");
    String p = url.replaceFirst(".*:", "");
    System.out.println("agent " + cfg.agentId() + ": http://127.0.0.1:" + agent.httpPort()
        + "/status  /metrics");
    System.out.println("results: mosquitto_sub -h " + host + " -p " + p + " -t 'inference/#' -v");
    System.out.println("conditions cycle every " + dwell + ": healthy → imbalance → misalignment → "
        + "bearing_fault → looseness" + (duration == null ? "; Ctrl-C stops" : ""));
    System.out.println();

    TerminalView view = new TerminalView(System.out, !plain && System.console() != null, tracker);
    long deadline = duration == null ? Long.MAX_VALUE
        : System.nanoTime() + Duration.parse("PT" + duration.toUpperCase()).toNanos();
    EmbeddedBroker brokerToClose = embedded;
    Thread shutdown = new Thread(() -> stopAll(sims, tracker, timeline, agent, brokerToClose), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    long start = System.nanoTime();
    long second = 0;
    while (System.nanoTime() < deadline) {
      second++;
      long wakeAt = start + Duration.ofSeconds(second).toNanos();
      Thread.sleep(Math.max(0, (wakeAt - System.nanoTime()) / 1_000_000));
      view.render(second, agent.status(), 1.0, timeline.drain());
    }
    Runtime.getRuntime().removeShutdownHook(shutdown);
    stopAll(sims, tracker, timeline, agent, embedded);
    return 0;
  }

  private static SensorSimulator simulator(String url, String machine, PayloadFormat format,
      Duration dwell, long seed) throws Exception {
    return SensorSimulator.start(SimulatorConfig.builder()
        .brokerUri(url)
        .clientId("edgeladder-demo-sim-" + machine)
        .machines(List.of(machine))
        .format(format)
        .schedule(ConditionSchedule.cycle(dwell))
        .seed(seed)
        .build());
  }

  private static void stopAll(Map<String, SensorSimulator> sims, ResultTracker tracker, SwapTimeline timeline,
      Agent agent, EmbeddedBroker broker) {
    sims.values().forEach(SensorSimulator::close);
    tracker.close();
    timeline.close();
    agent.close();
    close(broker);
  }

  private static void close(EmbeddedBroker broker) {
    if (broker != null) {
      broker.close();
    }
  }

  public static void main(String[] args) {
    // The agent and HiveMQ jars each carry a logback.xml; name ours so logback does not guess.
    System.setProperty("logback.configurationFile", "demo-logback.xml");
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }
}
