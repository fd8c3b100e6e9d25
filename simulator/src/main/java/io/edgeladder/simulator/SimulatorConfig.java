package io.edgeladder.simulator;

import io.edgeladder.protocol.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings of a {@link SensorSimulator}; build with {@link #builder()}. Every problem is reported at once.
 *
 * @param brokerUri MQTT broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId MQTT client id
 * @param machines machine ids, each one topic level; machine {@code i} is index {@code i} in the schedule
 * @param topicTemplate topic with {@code {machine}} in it, e.g. {@code sensors/{machine}/vibration}
 * @param format payload encoding
 * @param sampleRateHz samples per second per axis, [1000, 20000]
 * @param framesPerMessage frames (x, y, z triples) per MQTT message, > 0
 * @param schedule condition of each machine over stream time
 * @param seed seeds machine instances and signals
 * @param shaftHz initial shaft speed, Hz
 * @param speedWalkHz random-walk standard deviation of shaft speed after one second, Hz (0: constant)
 * @param noise white-noise standard deviation per axis, m/s²
 * @param qos MQTT QoS 0, 1 or 2
 * @param rateMultiplier 1 = real time, 10 = ten times faster, {@code +Infinity} = as fast as possible
 * @param duration stream time after which publishing stops; {@code null} runs until stopped
 */
public record SimulatorConfig(
    String brokerUri,
    String clientId,
    List<String> machines,
    String topicTemplate,
    PayloadFormat format,
    double sampleRateHz,
    int framesPerMessage,
    ConditionSchedule schedule,
    long seed,
    double shaftHz,
    double speedWalkHz,
    double noise,
    int qos,
    double rateMultiplier,
    Duration duration) {

  public static final String MACHINE_PLACEHOLDER = "{machine}";

  public SimulatorConfig {
    List<String> problems = new ArrayList<>();
    if (brokerUri == null || brokerUri.isBlank()) problems.add("brokerUri is missing");
    if (clientId == null || clientId.isBlank()) problems.add("clientId is missing");
    if (machines == null || machines.isEmpty()) {
      problems.add("machines must not be empty");
    } else {
      for (String m : machines) {
        String p = Topics.levelProblem(m);
        if (p != null) problems.add("machine id " + p);
      }
    }
    if (topicTemplate == null || !topicTemplate.contains(MACHINE_PLACEHOLDER)) {
      problems.add("topicTemplate must contain " + MACHINE_PLACEHOLDER + " but was '" + topicTemplate + "'");
    }
    if (format == null) problems.add("format is missing");
    if (!(sampleRateHz >= 1000 && sampleRateHz <= 20000)) {
      problems.add("sampleRateHz must be in [1000, 20000] but was " + sampleRateHz);
    }
    if (framesPerMessage <= 0) problems.add("framesPerMessage must be > 0 but was " + framesPerMessage);
    if (schedule == null) problems.add("schedule is missing");
    if (!(shaftHz > 0 && shaftHz <= sampleRateHz / 20)) {
      problems.add("shaftHz must be in (0, sampleRate/20] but was " + shaftHz);
    }
    if (!(speedWalkHz >= 0)) problems.add("speedWalkHz must be >= 0 but was " + speedWalkHz);
    if (!(noise >= 0)) problems.add("noise must be >= 0 but was " + noise);
    if (qos < 0 || qos > 2) problems.add("qos must be 0, 1 or 2 but was " + qos);
    if (!(rateMultiplier > 0)) problems.add("rateMultiplier must be > 0 but was " + rateMultiplier);
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      problems.add("duration must be > 0 but was " + duration);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("simulator config: " + String.join("; ", problems));
    }
    machines = List.copyOf(machines);
  }

  /** The topic machine {@code machine} publishes to. */
  public String topic(String machine) {
    return topicTemplate.replace(MACHINE_PLACEHOLDER, machine);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: local broker, client id {@code edgeladder-sim-<pid>-<n>}, machine {@code pump-1}, raw, 10 kHz, 256 frames, cycle every 10 s, 25 Hz. */
  public static final class Builder {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private String brokerUri = "tcp://127.0.0.1:1883";
    // Unique per builder, so several simulators in one JVM do not take over each other's session.
    private String clientId =
        "edgeladder-sim-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
    private List<String> machines = List.of("pump-1");
    private String topicTemplate = "sensors/{machine}/vibration";
    private PayloadFormat format = PayloadFormat.RAW;
    private double sampleRateHz = 10_000;
    private int framesPerMessage = 256;
    private ConditionSchedule schedule = ConditionSchedule.cycle(Duration.ofSeconds(10));
    private long seed = 1;
    private double shaftHz = 25;
    private double speedWalkHz = 0.2;
    private double noise = 0.05;
    private int qos;
    private double rateMultiplier = 1;
    private Duration duration;

    public Builder brokerUri(String v) { brokerUri = v; return this; }
    public Builder clientId(String v) { clientId = v; return this; }
    public Builder machines(List<String> v) { machines = v; return this; }
    public Builder topicTemplate(String v) { topicTemplate = v; return this; }
    public Builder format(PayloadFormat v) { format = v; return this; }
    public Builder sampleRateHz(double v) { sampleRateHz = v; return this; }
    public Builder framesPerMessage(int v) { framesPerMessage = v; return this; }
    public Builder schedule(ConditionSchedule v) { schedule = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder shaftHz(double v) { shaftHz = v; return this; }
    public Builder speedWalkHz(double v) { speedWalkHz = v; return this; }
    public Builder noise(double v) { noise = v; return this; }
    public Builder qos(int v) { qos = v; return this; }
    public Builder rateMultiplier(double v) { rateMultiplier = v; return this; }
    public Builder duration(Duration v) { duration = v; return this; }

    public SimulatorConfig build() {
      return new SimulatorConfig(brokerUri, clientId, machines, topicTemplate, format, sampleRateHz,
          framesPerMessage, schedule, seed, shaftHz, speedWalkHz, noise, qos, rateMultiplier, duration);
    }
  }
}
