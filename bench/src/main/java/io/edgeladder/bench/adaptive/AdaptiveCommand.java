package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.AgentProcess;
import io.edgeladder.bench.MachineFacts;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.simulator.DatasetSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adaptive}: the adaptive agent's benchmark (issue 4), every scenario beside its reference measured
 * in the same run on the embedded broker: (a) forced swaps under load, (b) a CPU-contention step, static vs
 * adaptive, (c) a draining battery, static vs adaptive.
 */
@Command(name = "adaptive", mixinStandardHelpOptions = true,
    description = "Adaptive agent: swaps under load, CPU contention and battery drain, static vs adaptive.")
public final class AdaptiveCommand implements Callable<Integer> {
  @Option(names = "--scenario", defaultValue = "all", description = "swaps, contention, battery or all")
  String scenario;

  @Option(names = "--quick", description = "a short smoke run (about 20 s per scenario run)")
  boolean quick;

  @Option(names = "--agent-jvm-flags", defaultValue = AgentProcess.GATEWAY_JVM_FLAGS)
  String agentJvmFlags;

  @Option(names = "--broker", defaultValue = "embedded",
      description = "embedded (HiveMQ CE in the bench JVM) or mosquitto (a child process: no broker GC in the path)")
  String brokerKind;

  @Option(names = "--out", defaultValue = "bench/results")
  Path out;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--swap-ladder", defaultValue = "configs/ladder/ladder.json")
  Path swapLadder;

  @Option(names = "--swap-variants", split = ",", defaultValue = "fp32,qat")
  List<String> swapVariants;

  @Option(names = "--swap-rate", defaultValue = "1000", description = "windows (= messages) per second")
  double swapRate;

  @Option(names = "--swap-seconds", defaultValue = "130")
  double swapSeconds;

  @Option(names = "--swap-every", defaultValue = "10")
  double swapEvery;

  @Option(names = "--swap-deadline-ms", defaultValue = "50")
  int swapDeadlineMs;

  @Option(names = "--model-card", defaultValue = "models/vibration-cnn/model-card.json")
  Path modelCard;

  @Option(names = "--teacher-card", defaultValue = "models/vibration-cnn-teacher/model-card.json")
  Path teacherCard;

  @Option(names = "--imports", defaultValue = "models/variants")
  Path imports;

  @Option(names = "--validation-noise", split = ",", defaultValue = "0.5,1.0",
      description = "noise range (m/s2) of the generated validation set and of the labelled stream")
  double[] noise;

  @Option(names = "--validation-per-class", defaultValue = "200")
  int perClass;

  @Option(names = "--windows-per-message", defaultValue = "16",
      description = "1024-frame messages; hop = 1024 / this (contention and battery)")
  int windowsPerMessage;

  @Option(names = "--workers", defaultValue = "2",
      description = "agent inference threads (contention and battery): both cores, so a competitor taking one halves"
          + " the capacity")
  int workers;

  @Option(names = "--deadline-ms", defaultValue = "20", description = "contention and battery deadline")
  int deadlineMs;

  @Option(names = "--contention-rate", defaultValue = "0", description = "windows/s; 0 = chosen from the capacity probe")
  double contentionRate;

  @Option(names = "--contention-seconds", defaultValue = "90")
  double contentionSeconds;

  @Option(names = "--competitor-at", defaultValue = "30")
  double competitorAt;

  @Option(names = "--competitor-cpu", defaultValue = "-1",
      description = "pin the competitor to this core with taskset (-1: unpinned, the kernel places it)")
  int competitorCpu;

  @Option(names = "--competitor-nice", defaultValue = "-10",
      description = "niceness of the competitor: at -10 it occupies a core as a higher-priority job would; at 0 it"
          + " only gets a per-thread share among the bench's, broker's and agent's threads")
  int competitorNice;

  @Option(names = "--capacity-seconds", defaultValue = "6")
  double capacitySeconds;

  @Option(names = "--hold-down-ms", defaultValue = "30000", description = "policy hold-down (the agent's default)")
  int holdDownMs;

  @Option(names = "--warmup", defaultValue = "5", description = "seconds before each measured phase")
  double warmup;

  @Option(names = "--battery-rate", defaultValue = "2000", description = "windows/s")
  double batteryRate;

  @Option(names = "--battery-seconds", defaultValue = "90")
  double batterySeconds;

  @Option(names = "--battery-wh", defaultValue = "0.25")
  double batteryWh;

  @Option(names = "--initial-soc", defaultValue = "0.65")
  double initialSoc;

  @Option(names = "--idle-watts", defaultValue = "2")
  double idleWatts;

  @Option(names = "--watts-per-core", defaultValue = "4")
  double wattsPerCore;

  @Option(names = "--energy-floor", defaultValue = "0.6", description = "adaptive.energyFloor of the battery runs")
  double energyFloor;

  @Option(names = "--energy-budget-watts", defaultValue = "0",
      description = "adaptive.energyBudgetWatts; 0 = --budget-factor x the most accurate rung's modelled draw")
  double energyBudgetWatts;

  @Option(names = "--budget-factor", defaultValue = "1.6")
  double budgetFactor;

  @Override
  public Integer call() throws Exception {
    if (!List.of("swaps", "contention", "battery", "all").contains(scenario)) {
      throw new IllegalArgumentException("--scenario must be swaps, contention, battery or all but was " + scenario);
    }
    if (quick) {
      swapSeconds = 20;
      swapEvery = 5;
      contentionSeconds = 20;
      competitorAt = 10;
      capacitySeconds = 2;
      batterySeconds = 20;
      warmup = 3;
    }
    MachineFacts machine = MachineFacts.probe();
    List<String> flags = Arrays.stream(agentJvmFlags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    Path work = Files.createTempDirectory("edgeladder-adaptive-");
    System.out.printf("adaptive: %d cores, %s, load %s; work dir %s%n", machine.cores(), machine.jvm(),
        machine.loadAverageAtStart(), work);
    boolean all = scenario.equals("all");
    BenchLadder ladder = null;
    SwapResult swaps = null;
    ContentionResult contention = null;
    BatteryResult battery = null;
    if (!brokerKind.equals("embedded") && !brokerKind.equals("mosquitto")) {
      System.err.println("--broker must be embedded or mosquitto but was " + brokerKind);
      return 2;
    }
    try (BenchBroker broker = BenchBroker.start(brokerKind)) {
      if (all || scenario.equals("swaps")) {
        System.out.printf("[swaps] %.0f windows/s, swap every %.0f s between %s for %.0f s%n", swapRate, swapEvery,
            swapVariants, swapSeconds);
        swaps = SwapScenario.run(new SwapScenario.Params(broker.url(), freePort(), modelCard, swapLadder, swapRate,
            Math.max(warmup, 3), swapSeconds, swapEvery, swapVariants, swapDeadlineMs, flags, work, seed),
            System.out::println);
      }
      if (all || !scenario.equals("swaps")) {
        System.out.printf("[ladder] building on a generated validation set (%d windows, noise %.2f-%.2f)%n",
            perClass * 5, noise[0], noise[1]);
        ladder = BenchLadder.build(new BenchLadder.Settings(modelCard, teacherCard, imports,
            new DatasetSpec(perClass, 1024, 10_000, seed + 1000, 15, 45, noise[0], noise[1], 8, 4),
            new EvaluationSettings(1, quick ? 100 : 200, quick ? 500 : 2000, 0)), work, line -> { });
        for (var r : ladder.rungs()) {
          System.out.printf("      rung %-12s accuracy %.3f  p50 %.3f ms%n", r.id(), r.accuracy(), r.latency().p50Ms());
        }
      }
      PolicyRun.Params base = ladder == null ? null : new PolicyRun.Params(broker.url(), freePort(), modelCard, ladder,
          windowsPerMessage, workers, batteryRate, deadlineMs, warmup, contentionSeconds, competitorAt, competitorCpu, competitorNice, holdDownMs, null,
          noise, flags, work, seed);
      if (all || scenario.equals("contention")) {
        System.out.printf("[contention] competitor from %.0f s of %.0f s%n", competitorAt, contentionSeconds);
        contention = ContentionScenario.run(base, contentionRate, capacitySeconds, System.out::println);
      }
      if (all || scenario.equals("battery")) {
        double budget = energyBudgetWatts > 0 ? energyBudgetWatts
            : BatteryScenario.budgetWatts(ladder, batteryRate, wattsPerCore, budgetFactor);
        AdaptiveYaml.Battery b = new AdaptiveYaml.Battery(batteryWh, initialSoc, idleWatts, wattsPerCore, budget,
            energyFloor);
        System.out.printf("[battery] %.0f windows/s for %.0f s, %.3f Wh from %.0f %%%n", batteryRate, batterySeconds,
            batteryWh, initialSoc * 100);
        battery = BatteryScenario.run(new PolicyRun.Params(broker.url(), freePort(), modelCard, ladder,
            windowsPerMessage, workers, batteryRate, deadlineMs, warmup, batterySeconds, Double.NaN, -1, 0, holdDownMs, b, noise, flags,
            work, seed), System.out::println);
      }
    }
    AdaptiveReport report = new AdaptiveReport(ladder, swaps, contention, battery, machine.cores(),
        machine.loadAverageAtStart(), MachineFacts.loadAverage());
    System.out.println();
    System.out.print(report.table());
    Path written = AdaptiveJson.write(out, machine, settings(), report);
    System.out.printf("%nJSON: %s (and %s)%n", written, out.resolve("adaptive-latest.json"));
    return 0;
  }

  private Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scenario", scenario);
    s.put("quick", quick);
    s.put("broker", brokerKind);
    s.put("agentJvmFlags", agentJvmFlags);
    s.put("seed", seed);
    s.put("swapLadder", swapLadder.toString());
    s.put("swapVariants", swapVariants);
    s.put("swapRate", swapRate);
    s.put("swapSeconds", swapSeconds);
    s.put("swapEverySeconds", swapEvery);
    s.put("swapDeadlineMs", swapDeadlineMs);
    s.put("validationNoise", noise);
    s.put("validationPerClass", perClass);
    s.put("windowsPerMessage", windowsPerMessage);
    s.put("deadlineMs", deadlineMs);
    s.put("contentionRate", contentionRate);
    s.put("contentionSeconds", contentionSeconds);
    s.put("competitorAtSeconds", competitorAt);
    s.put("competitorCpu", competitorCpu);
    s.put("competitorNice", competitorNice);
    s.put("capacitySeconds", capacitySeconds);
    s.put("holdDownMs", holdDownMs);
    s.put("warmupSeconds", warmup);
    s.put("batteryRate", batteryRate);
    s.put("batterySeconds", batterySeconds);
    s.put("batteryWh", batteryWh);
    s.put("initialSoc", initialSoc);
    s.put("idleWatts", idleWatts);
    s.put("wattsPerCore", wattsPerCore);
    s.put("energyFloor", energyFloor);
    s.put("energyBudgetWatts", energyBudgetWatts);
    s.put("budgetFactor", budgetFactor);
    s.put("swapWorkers", 1);
    s.put("workers", workers);
    s.put("resultQos", 0);
    return s;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
