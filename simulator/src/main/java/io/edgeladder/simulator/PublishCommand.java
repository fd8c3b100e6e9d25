package io.edgeladder.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code publish}: streams simulated vibration of one or more machines to an MQTT broker. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish simulated vibration streams over MQTT v5 at real-time pace (or faster).")
final class PublishCommand implements Callable<Integer> {
  @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "Broker URI (default ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--client-id", description = "MQTT client id (default edgeladder-sim-<pid>).")
  String clientId;

  @Option(names = "--machines", split = ",", defaultValue = "pump-1", description = "Machine ids, comma-separated (default ${DEFAULT-VALUE}).")
  List<String> machines;

  @Option(names = "--topic", defaultValue = "sensors/{machine}/vibration", description = "Topic template (default ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--format", defaultValue = "raw", description = "raw | json | senml (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--sample-rate", defaultValue = "10000", description = "Hz, 1000-20000 (default ${DEFAULT-VALUE}).")
  double sampleRate;

  @Option(names = "--frames", defaultValue = "256", description = "Frames per message (default ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--schedule", defaultValue = "cycle:10s", description = "cycle:<duration> | fixed:<condition> (default ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--shaft-hz", defaultValue = "25", description = "Shaft speed, Hz (default ${DEFAULT-VALUE}).")
  double shaftHz;

  @Option(names = "--speed-walk", defaultValue = "0.2", description = "Shaft-speed random walk, Hz per sqrt(s); 0 = constant (default ${DEFAULT-VALUE}).")
  double speedWalk;

  @Option(names = "--noise", defaultValue = "0.05", description = "Noise std dev, m/s2 (default ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--qos", defaultValue = "0", description = "MQTT QoS (default ${DEFAULT-VALUE}).")
  int qos;

  @Option(names = "--rate-multiplier", defaultValue = "1", description = "1 = real time, 10 = 10x faster, max = as fast as possible (default ${DEFAULT-VALUE}).")
  String rateMultiplier;

  @Option(names = "--duration", description = "Stream time to publish, e.g. 60s; runs until Ctrl-C when absent.")
  String duration;

  @Override
  public Integer call() throws Exception {
    SimulatorConfig.Builder b = SimulatorConfig.builder()
        .brokerUri(broker).machines(machines).topicTemplate(topic).format(PayloadFormat.of(format))
        .sampleRateHz(sampleRate).framesPerMessage(frames).schedule(ConditionSchedule.parse(schedule))
        .seed(seed).shaftHz(shaftHz).speedWalkHz(speedWalk).noise(noise).qos(qos)
        .rateMultiplier(parseMultiplier(rateMultiplier))
        .duration(duration == null ? null : Durations.parse("--duration", duration));
    if (clientId != null) {
      b.clientId(clientId);
    }
    SimulatorConfig config = b.build();
    try (SensorSimulator sim = SensorSimulator.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "edgeladder-sim-shutdown"));
      System.out.printf("publishing %s to %s as %s, %d frames/message at %.0f Hz%n",
          config.machines(), config.brokerUri(), config.format().name().toLowerCase(Locale.ROOT),
          config.framesPerMessage(), config.sampleRateHz());
      long started = System.nanoTime();
      while (!sim.awaitDone(Duration.ofSeconds(10))) {
        System.out.printf("%d messages published, %d dropped%n", sim.messagesPublished(), sim.messagesDropped());
      }
      System.out.printf("done: %d messages published, %d dropped in %.1f s%n",
          sim.messagesPublished(), sim.messagesDropped(), (System.nanoTime() - started) / 1e9);
    }
    return 0;
  }

  static double parseMultiplier(String text) {
    if ("max".equalsIgnoreCase(text.trim())) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rate-multiplier must be a number > 0 or 'max' but was '" + text + "'");
    }
  }
}
