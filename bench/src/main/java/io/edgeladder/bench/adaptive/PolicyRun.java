package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.PipelineCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run of the contention or battery scenario: the agent on the bench ladder, either with the policy
 * choosing ({@code pinned == null}) or with a variant pinned and no probation (the static reference: the
 * policy's only move is to the pin, in the warm-up), a paced labelled stream, and optionally the
 * {@link Competitor} from {@code competitorAtSeconds} to the end.
 */
final class PolicyRun {
  /**
   * @param ladder the bench ladder
   * @param windowsPerMessage windows each message closes (1024-frame messages, hop = 1024 / this)
   * @param workers the agent's inference threads
   * @param windowsPerSecond the stream's window rate
   * @param warmupSeconds before the measured phase (the pinned variant is swapped in here)
   * @param seconds measured phase
   * @param competitorAtSeconds when the competitor starts, NaN for none
   * @param competitorCpu the core the competitor is pinned to, -1 for none
   * @param competitorNice its niceness (negative: it takes its core as a higher-priority job would)
   * @param holdDownMs the policy's hold-down
   * @param battery simulated battery, or null
   * @param noise noise range of the stream (the validation set's)
   */
  record Params(String brokerUrl, int httpPort, Path modelCard, BenchLadder ladder, int windowsPerMessage,
      int workers, double windowsPerSecond, int deadlineMs, double warmupSeconds, double seconds, double competitorAtSeconds, int competitorCpu,
      int competitorNice,
      int holdDownMs, AdaptiveYaml.Battery battery, double[] noise, List<String> jvmFlags, Path workDir,
      long seed) {}

  /** Segments in the labelled stream's cycle (40 per condition, 4 messages each: 9.8 MB of payloads). */
  static final int SEGMENTS = 200;

  private PolicyRun() {}

  static RunFigures run(Params p, String name, String pinned, Consumer<String> progress) throws Exception {
    int hop = 1024 / p.windowsPerMessage();
    LabelledFeed feed = new LabelledFeed(1024, 1024, hop, SEGMENTS, 4, p.noise(), p.seed());
    AdaptiveYaml.Adaptive adaptive = new AdaptiveYaml.Adaptive(true, 1000, p.holdDownMs(), pinned == null ? 30_000 : 0,
        pinned);
    AdaptiveYaml cfg = new AdaptiveYaml("bench-" + name, p.brokerUrl(), p.httpPort(), p.modelCard(),
        p.ladder().file(), hop, p.deadlineMs(), 256, p.workers(), adaptive, p.battery(), p.workDir().resolve("state-" + name));
    double messagesPerSecond = p.windowsPerSecond() / p.windowsPerMessage();
    int messages = (int) Math.ceil(messagesPerSecond * (p.warmupSeconds() + p.seconds() + 2)) + 16;
    AtomicReference<Competitor> competitor = new AtomicReference<>();
    AtomicLong competitorNanos = new AtomicLong();
    try (AgentSession s = AgentSession.start(cfg, feed, p.jvmFlags(), p.workDir(), name, messages)) {
      s.stream(messagesPerSecond, p.warmupSeconds(), List.of());
      long firstWindow = s.windowsSent();
      s.drain(Duration.ofSeconds(3));
      PipelineCounts before = PipelineCounts.of(s.agent().status());
      double cpu0 = ProcCpu.seconds(s.agent().pid());
      double battery0 = s.telemetry().lastBatteryPercent();
      List<AgentSession.Timed> actions = new ArrayList<>();
      if (!Double.isNaN(p.competitorAtSeconds())) {
        actions.add(new AgentSession.Timed(p.competitorAtSeconds(), "competitor", () -> {
          competitorNanos.set(System.nanoTime());
          competitor.set(Competitor.start(p.competitorCpu(), p.competitorNice()));
        }));
      }
      progress.accept(String.format("      %s: %.0f s at %.0f windows/s (%.1f msg/s)%s", name, p.seconds(),
          p.windowsPerSecond(), messagesPerSecond, actions.isEmpty() ? ""
              : String.format(", competitor from %.0f s", p.competitorAtSeconds())));
      long phaseStart = s.stream(messagesPerSecond, p.seconds(), actions);
      s.drain(Duration.ofSeconds(5));
      double cpu1 = ProcCpu.seconds(s.agent().pid());
      Competitor c = competitor.getAndSet(null);
      double competitorCores = Double.NaN;
      if (c != null) {
        competitorCores = c.cpuSeconds() / ((System.nanoTime() - competitorNanos.get()) / 1e9);
        c.close();
      }
      Thread.sleep(1100); // a last telemetry sample
      PipelineCounts counts = PipelineCounts.of(s.agent().status()).minus(before);
      return RunAnalysis.of(name, pinned, s, firstWindow, s.windowsSent(), phaseStart, competitorNanos.get(),
          cpu1 - cpu0, new double[] {battery0, s.telemetry().lastBatteryPercent()}, counts, competitorCores);
    } finally {
      Competitor c = competitor.getAndSet(null);
      if (c != null) {
        c.close();
      }
    }
  }
}
