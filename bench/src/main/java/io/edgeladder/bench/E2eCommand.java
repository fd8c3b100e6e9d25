package io.edgeladder.bench;

import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.protocol.ModelCard;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark: raw ORT, raw MQTT echo and the agent end to end, side by side in one run. */
@Command(name = "e2e", mixinStandardHelpOptions = true,
    description = "Agent end to end vs raw ORT loop and raw MQTT echo, same broker, same run.")
final class E2eCommand implements Callable<Integer> {
  static final String DEFAULT_JVM_FLAGS =
      "-XX:+UseSerialGC -Xms32m -Xmx64m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m"
          + " -XX:MaxMetaspaceSize=64m -Xss512k -XX:MaxDirectMemorySize=32m -Dio.netty.allocator.type=unpooled";

  @Option(names = "--model-card", description = "Model card; default models/vibration-cnn/model-card.json, "
      + "else models/fixtures/tiny-conv.model-card.json")
  Path modelCard;

  @Option(names = "--agent-jar", defaultValue = "agent/target/edgeladder-agent.jar")
  Path agentJar;

  @Option(names = "--agent-jvm-flags", defaultValue = DEFAULT_JVM_FLAGS,
      description = "JVM flags of the agent's (and the echo's) child JVM, recorded in the JSON. Default: ${DEFAULT-VALUE}")
  String agentJvmFlags;

  @Option(names = "--broker", defaultValue = "embedded", description = "embedded (HiveMQ CE in this JVM) or mosquitto")
  String broker;

  @Option(names = "--rate", defaultValue = "1000", description = "Sensor messages (= windows) per second")
  double rate;

  @Option(names = "--warmup", defaultValue = "10", description = "Agent warm-up at the fixed rate, s")
  double warmup;

  @Option(names = "--duration", defaultValue = "30", description = "Measured fixed-rate phase, s")
  double duration;

  @Option(names = "--saturation", defaultValue = "15", description = "Saturation phase, s (0: skip)")
  double saturation;

  @Option(names = "--max-in-flight", defaultValue = "64",
      description = "Unanswered windows allowed in saturation (default: the agent's queue capacity)")
  int maxInFlight;

  @Option(names = "--hop", defaultValue = "512", description = "Frames per sensor message = window hop")
  int hop;

  @Option(names = "--deadline-ms", defaultValue = "50")
  int deadlineMs;

  @Option(names = "--queue-capacity", defaultValue = "64")
  int queueCapacity;

  @Option(names = "--ort-warmup", defaultValue = "2000", description = "Raw ORT runs before measuring")
  int ortWarmup;

  @Option(names = "--ort-iterations", defaultValue = "20000", description = "Raw ORT runs measured")
  int ortIterations;

  @Option(names = "--echo-warmup", defaultValue = "5", description = "MQTT echo warm-up, s")
  double echoWarmup;

  @Option(names = "--echo-duration", defaultValue = "10", description = "MQTT echo measured, s")
  double echoDuration;

  @Option(names = "--result-bytes", defaultValue = "400", description = "Echo reply size (a result message)")
  int resultBytes;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--out", defaultValue = "bench/results", description = "Folder for the JSON results")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path cardFile = modelCard != null ? modelCard : defaultCard();
    ModelCard card = ModelCard.load(cardFile);
    Path modelFile = card.modelPath(cardFile);
    int windowSize = card.input().windowSize();
    int channels = card.input().channels().size();
    MachineFacts machine = MachineFacts.probe();
    List<String> flags = Arrays.stream(agentJvmFlags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    Path work = Files.createTempDirectory("edgeladder-bench-");
    System.out.printf("e2e: model %s (%s), %d cores, %s; work dir %s%n", card.name(), cardFile, machine.cores(),
        machine.jvm(), work);

    SensorFeed probe = new SensorFeed(hop, card.input().sampleRateHz(), seed);
    System.out.printf("[1/3] raw ORT: %d warm-up + %d runs%n", ortWarmup, ortIterations);
    RawOrtBench.Result ort = RawOrtBench.run(modelFile, RunnerOptions.ofDefaults(), probe.samples(), ortWarmup,
        ortIterations);
    System.out.printf("      run p50/p99/p99.9 %.3f/%.3f/%.3f ms, %.0f runs/s%n", ort.latency().p50Ms(),
        ort.latency().p99Ms(), ort.latency().p999Ms(), ort.runsPerSecond());
    try (AutoCloseable brokerHandle = startBroker()) {
      String url = brokerHandle instanceof EmbeddedBroker e ? e.url() : ((MosquittoProcess) brokerHandle).url();
      AgentConfigYaml config = new AgentConfigYaml("bench", "p1", "bench/sensor", url, freePort(), cardFile,
          card.input().channels(), card.input().sampleRateHz(), windowSize, hop, deadlineMs, queueCapacity);
      int capacity = capacity(ort.runsPerSecond());
      System.out.printf("[2/3] agent via %s (%s): %.0f msg/s, %.0f s warm-up, %.0f s measured, %.0f s saturation%n",
          url, String.join(" ", flags), rate, warmup, duration, saturation);
      AgentE2eResult agent = AgentE2eBench.run(new AgentE2eBench.Params(url, config, agentJar, flags, work,
          rate, warmup, duration, saturation, maxInFlight, capacity, seed));
      System.out.printf("      E2E p50/p99/p99.9 %.3f/%.3f/%.3f ms%n", agent.fixedRate().e2e().p50Ms(),
          agent.fixedRate().e2e().p99Ms(), agent.fixedRate().e2e().p999Ms());
      // The echo runs after the agent, on a broker the agent phase has warmed up (an embedded HiveMQ is
      // still JIT-compiling for its first seconds and would inflate the reference).
      System.out.printf("[3/3] MQTT echo: %d B out, %d B back, %.0f msg/s, %.0f+%.0f s%n",
          probe.payloadBytes(), resultBytes, rate, echoWarmup, echoDuration);
      MqttEchoBench.Result echo = MqttEchoBench.run(url, hop * channels * Float.BYTES, resultBytes, rate,
          echoWarmup, echoDuration, flags);
      System.out.printf("      RTT p50/p99/p99.9 %.3f/%.3f/%.3f ms at %.0f msg/s, %d lost%n", echo.roundTrip().p50Ms(),
          echo.roundTrip().p99Ms(), echo.roundTrip().p999Ms(), echo.sendRate(), echo.lost());
      Report report = new Report(ort, echo, agent, machine.cores(), machine.loadAverageAtStart(),
          MachineFacts.loadAverage());
      System.out.println();
      System.out.print(report.table());
      Path written = JsonOut.write(out, machine, card, cardFile, ort.sha256(), settings(url), ort, echo, agent,
          report);
      System.out.printf("%nJSON: %s (and %s)%n", written, out.resolve("e2e-latest.json"));
      if (!agent.fixedRate().mappingVerified()) {
        System.out.println("WARNING: seq mapping not verified: " + agent.fixedRate().mapping());
      }
      return 0;
    }
  }

  private AutoCloseable startBroker() {
    return switch (broker) {
      case "embedded" -> EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
      case "mosquitto" -> MosquittoProcess.start();
      default -> throw new IllegalArgumentException("--broker must be embedded or mosquitto but was " + broker);
    };
  }

  private int capacity(double ortRunsPerSecond) {
    double messages = rate * (warmup + duration) + Math.max(ortRunsPerSecond, rate) * saturation * 1.5 + 10_000;
    return (int) Math.min(Integer.MAX_VALUE - 8, messages);
  }

  java.util.Map<String, Object> settings(String url) {
    java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("broker", broker + " " + url);
    s.put("rate", rate);
    s.put("warmupSeconds", warmup);
    s.put("durationSeconds", duration);
    s.put("saturationSeconds", saturation);
    s.put("maxInFlight", maxInFlight);
    s.put("hop", hop);
    s.put("deadlineMs", deadlineMs);
    s.put("queueCapacity", queueCapacity);
    s.put("workers", 1);
    s.put("resultQos", 0);
    s.put("ortWarmup", ortWarmup);
    s.put("ortIterations", ortIterations);
    s.put("runnerOptions", RunnerOptions.ofDefaults().toString());
    s.put("echoWarmupSeconds", echoWarmup);
    s.put("echoDurationSeconds", echoDuration);
    s.put("echoReplyBytes", resultBytes);
    s.put("seed", seed);
    return s;
  }

  private static Path defaultCard() {
    Path cnn = Path.of("models/vibration-cnn/model-card.json");
    return Files.isRegularFile(cnn) ? cnn : Path.of("models/fixtures/tiny-conv.model-card.json");
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
