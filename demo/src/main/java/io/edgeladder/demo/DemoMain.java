package io.edgeladder.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The zero-setup demo. By default the fleet: an embedded MQTT v5 broker, the controller (embedded database,
 * signing key generated at start, REST API) and three agents with different resources (mains power, a
 * draining battery, a tight deadline under a CPU hog process); the controller builds a variant ladder from
 * the base model, signs and pushes it, sets the desired state for {@code site=demo}, and each agent installs
 * it and swaps according to its own resources. The terminal shows every agent's timeline above a fleet table.
 *
 * <p>{@code --single}: the earlier one-agent demo (two pipelines, the committed ladder, battery and hog).
 */
@Command(name = "edgeladder-demo", mixinStandardHelpOptions = true,
    description = "Broker + controller + three agents + simulators + scenario (battery, CPU hog), live fleet view;"
        + " --single for one agent with its own ladder.")
public final class DemoMain implements Callable<Integer> {
  @Option(names = "--single", description = "run the one-agent demo (--config) instead of the fleet")
  boolean single;

  @Option(names = "--fleet", defaultValue = "configs/fleet",
      description = "fleet agents, one per *.yaml (default: ${DEFAULT-VALUE})")
  Path fleet;

  @Option(names = "--controller-config", defaultValue = "configs/demo-controller.yaml",
      description = "the fleet demo's controller (default: ${DEFAULT-VALUE})")
  Path controllerConfig;

  @Option(names = "--broker", description = "use this MQTT v5 broker (e.g. tcp://127.0.0.1:1883) "
      + "instead of starting the embedded one")
  String broker;

  @Option(names = "--port", defaultValue = "1883",
      description = "embedded broker port; a free one is picked when taken (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--config", defaultValue = "configs/demo.yaml",
      description = "the --single demo's agent configuration (default: ${DEFAULT-VALUE})")
  Path config;

  @Option(names = "--dwell", defaultValue = "8s",
      description = "how long each injected condition lasts (default: ${DEFAULT-VALUE})")
  String dwell;

  @Option(names = "--noise", defaultValue = "1.0",
      description = "sensor white noise, m/s2; the demo ladder's accuracies were measured at 0.5-1.5 "
          + "(default: ${DEFAULT-VALUE})")
  double noise;

  @Option(names = "--hog-start", defaultValue = "10",
      description = "second of each harvest-trace period the CPU hog process starts (default: ${DEFAULT-VALUE})")
  double hogStart;

  @Option(names = "--hog-stop", defaultValue = "30",
      description = "second of each harvest-trace period it stops (default: ${DEFAULT-VALUE})")
  double hogStop;

  @Option(names = "--hog-cores",
      description = "cores the CPU hog burns (default: 2 for the fleet, where gw-c must feel it; 1 with --single)")
  Integer hogCores;

  @Option(names = "--duration", description = "stop after this long, e.g. 90s (default: until Ctrl-C)")
  String duration;

  @Option(names = "--plain", description = "append lines instead of redrawing in place")
  boolean plain;

  @Override
  public Integer call() throws Exception {
    int cores = hogCores != null ? hogCores : single ? 1 : 2;
    DemoRun.Options common = new DemoRun.Options(broker, port, config, parse(dwell),
        duration == null ? null : parse(duration), plain, noise, hogStart, hogStop, cores, System.out);
    if (single) return DemoRun.run(common).exitCode();
    Path repo = Path.of("").toAbsolutePath();
    return FleetRun.run(new FleetRun.Options(common, repo, controllerConfig, fleet)).exitCode();
  }

  private static Duration parse(String s) {
    return Duration.parse("PT" + s.toUpperCase());
  }

  public static void main(String[] args) {
    // The agent and HiveMQ jars each carry a logback.xml; name ours so logback does not guess.
    System.setProperty("logback.configurationFile", "demo-logback.xml");
    int code;
    try {
      code = new CommandLine(new DemoMain()).execute(args);
    } catch (Throwable t) { // an Error picocli passes on: exit instead of leaving the broker's threads running
      t.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }
}
