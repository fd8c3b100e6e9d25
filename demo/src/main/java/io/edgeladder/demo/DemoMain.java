package io.edgeladder.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The zero-setup demo: an embedded MQTT v5 broker, one agent with two pipelines (raw float32 and SenML,
 * {@code pump-1} on a two-rung variant ladder), a vibration simulator per machine whose injected condition
 * cycles, a simulated battery that drains and recharges from a harvest trace, and a CPU hog process
 * started and stopped on a script; the terminal shows the timeline of scenario steps, switches, swaps and
 * profile refreshes above a live table.
 */
@Command(name = "edgeladder-demo", mixinStandardHelpOptions = true,
    description = "Broker + agent + simulator + scenario (battery, harvest, CPU hog) with a live timeline.")
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

  @Option(names = "--hog-cores", defaultValue = "1", description = "cores the CPU hog burns (default: ${DEFAULT-VALUE})")
  int hogCores;

  @Option(names = "--duration", description = "stop after this long, e.g. 90s (default: until Ctrl-C)")
  String duration;

  @Option(names = "--plain", description = "append lines instead of redrawing in place")
  boolean plain;

  @Override
  public Integer call() throws Exception {
    DemoRun.Outcome o = DemoRun.run(new DemoRun.Options(broker, port, config, parse(dwell),
        duration == null ? null : parse(duration), plain, noise, hogStart, hogStop, hogCores, System.out));
    return o.exitCode();
  }

  private static Duration parse(String s) {
    return Duration.parse("PT" + s.toUpperCase());
  }

  public static void main(String[] args) {
    // The agent and HiveMQ jars each carry a logback.xml; name ours so logback does not guess.
    System.setProperty("logback.configurationFile", "demo-logback.xml");
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }
}
