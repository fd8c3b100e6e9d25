package io.edgeladder.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.bench.AgentProcess;
import io.edgeladder.bench.MachineFacts;
import io.edgeladder.bench.RawOrtBench;
import io.edgeladder.bench.SensorFeed;
import io.edgeladder.broker.EmbeddedBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak}: the real agent for hours at a fixed window rate on the embedded broker, with forced swaps
 * between two ladder rungs, reporting per interval and overall the agent's RSS, heap after GC, GC pauses,
 * end-to-end latency and windows lost or duplicated by seq, with the trend per hour and ratios against the
 * first interval and a raw ORT run measured in this process (issue 6, item 5).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Long run of the real agent with forced swaps: RSS, heap, GC pauses, latency trend, losses.")
public final class SoakCommand implements Callable<Integer> {
  @Option(names = "--duration", defaultValue = "2h", converter = DurationConverter.class,
      description = "measured phase, e.g. 2h, 10m, 60s (default ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "30s", converter = DurationConverter.class,
      description = "stream before the measured phase (JIT, first GCs); not counted")
  Duration warmup;

  @Option(names = "--interval", defaultValue = "60s", converter = DurationConverter.class,
      description = "reporting interval (whole seconds)")
  Duration interval;

  @Option(names = "--rate", defaultValue = "500", description = "windows (= messages) per second")
  double rate;

  @Option(names = "--swap-every", defaultValue = "10s", converter = DurationConverter.class,
      description = "period of the forced swaps; 0 = none")
  Duration swapEvery;

  @Option(names = "--ladder", defaultValue = "configs/ladder/ladder.json")
  Path ladder;

  @Option(names = "--variants", split = ",", defaultValue = "fp32,qat",
      description = "the two rungs swapped between; the first must be the model card's")
  List<String> variants;

  @Option(names = "--model-card", defaultValue = "models/vibration-cnn/model-card.json")
  Path modelCard;

  @Option(names = "--deadline-ms", defaultValue = "50")
  int deadlineMs;

  @Option(names = "--agent-jvm-flags", defaultValue = AgentProcess.GATEWAY_JVM_FLAGS,
      description = "JVM flags of the agent's child JVM (a GC and safepoint log option is added)")
  String agentJvmFlags;

  @Option(names = "--ort-iterations", defaultValue = "20000", description = "raw ORT runs timed per variant")
  int ortIterations;

  @Option(names = "--tag", description = "also copy the JSON to soak-<tag>.json (e.g. the flags compared)")
  String tag;

  @Option(names = "--out", defaultValue = "bench/results")
  Path out;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (variants.size() != 2) {
      throw new IllegalArgumentException("--variants must name two rungs but was " + variants);
    }
    MachineFacts machine = MachineFacts.probe();
    List<String> flags = Arrays.stream(agentJvmFlags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    Path work = Files.createTempDirectory("edgeladder-soak-");
    System.out.printf("soak: %s at %.0f windows/s, swap every %s between %s, intervals of %s; %d cores, %s, load %s;"
        + " work dir %s%n  agent JVM flags: %s%n", DurationConverter.format(duration), rate,
        DurationConverter.format(swapEvery), variants, DurationConverter.format(interval), machine.cores(),
        machine.jvm(), machine.loadAverageAtStart(), work, String.join(" ", flags));
    Map<String, LogHistogram.Pcts> ort = rawOrt(new SensorFeed(SoakSession.FRAMES, 10_000, seed).samples());
    SoakSession.Outcome outcome;
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      outcome = SoakSession.run(new SoakSession.Params(broker.url(), freePort(), modelCard, ladder, variants, rate,
          warmup, duration, interval, swapEvery, deadlineMs, flags, work, seed), System.out::println);
    }
    SoakReport report = new SoakReport(outcome, ort, machine.cores(), machine.loadAverageAtStart(),
        MachineFacts.loadAverage());
    System.out.println();
    System.out.print(report.table());
    Path written = SoakJson.write(out, tag, machine, settings(), report);
    System.out.printf("%nJSON: %s (and %s)%n", written, out.resolve("soak-latest.json"));
    return report.targets().stream().allMatch(io.edgeladder.bench.Target::met) && outcome.errors().isEmpty() ? 0 : 3;
  }

  /** Raw {@code ModelRunner.run} of each swapped rung, the agent's session options, nothing else running. */
  private Map<String, LogHistogram.Pcts> rawOrt(float[] samples) throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(ladder.toFile());
    Map<String, LogHistogram.Pcts> result = new LinkedHashMap<>();
    for (String id : variants) {
      JsonNode entry = null;
      for (JsonNode v : manifest.path("variants")) {
        if (id.equals(v.path("id").asText())) {
          entry = v;
        }
      }
      if (entry == null) {
        throw new IllegalArgumentException("variant " + id + " is not in " + ladder);
      }
      Path file = ladder.toAbsolutePath().getParent().resolve(entry.path("file").asText()).normalize();
      RawOrtBench.Result r = RawOrtBench.run(file, RunnerOptions.ofDefaults(), samples, Math.max(100, ortIterations / 10),
          ortIterations);
      result.put(id, new LogHistogram.Pcts(r.latency().count(), r.latency().meanMs(), r.latency().p50Ms(),
          r.latency().p99Ms(), r.latency().p999Ms(), r.latency().maxMs()));
      System.out.printf("  raw ORT %-6s p50 %.3f  p99 %.3f  p99.9 %.3f ms (%d runs)%n", id, r.latency().p50Ms(),
          r.latency().p99Ms(), r.latency().p999Ms(), ortIterations);
    }
    return result;
  }

  private Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("broker", "embedded");
    s.put("durationSeconds", duration.toNanos() / 1e9);
    s.put("warmupSeconds", warmup.toNanos() / 1e9);
    s.put("intervalSeconds", interval.toNanos() / 1e9);
    s.put("rate", rate);
    s.put("swapEverySeconds", swapEvery.toNanos() / 1e9);
    s.put("ladder", ladder.toString());
    s.put("variants", variants);
    s.put("modelCard", modelCard.toString());
    s.put("deadlineMs", deadlineMs);
    s.put("hop", SoakSession.FRAMES);
    s.put("framesPerMessage", SoakSession.FRAMES);
    s.put("workers", 1);
    s.put("queueCapacity", 64);
    s.put("resultQos", 0);
    s.put("agentJvmFlags", agentJvmFlags);
    s.put("gcLog", "-Xlog:gc,safepoint (added)");
    s.put("ortIterations", ortIterations);
    s.put("runnerOptions", RunnerOptions.ofDefaults().toString());
    s.put("tag", tag);
    s.put("seed", seed);
    return s;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
