package io.edgeladder.bench.soak;

import io.edgeladder.bench.AgentProcess;
import io.edgeladder.bench.BenchClient;
import io.edgeladder.bench.BenchMain;
import io.edgeladder.bench.SensorFeed;
import io.edgeladder.bench.adaptive.AdaptiveYaml;
import io.edgeladder.bench.adaptive.ClasspathJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One soak run: the real agent in its own JVM ({@code adaptive-agent}: {@code Agent.start} plus
 * {@code swap <pipeline> <variant>} on stdin, as the adaptive bench runs it) with the JVM flags under test
 * and its GC and safepoint log in a file; a paced publisher of 512-frame raw float32 messages (window 1024,
 * hop 512: from the second message on, each message closes one window, and window {@code w} is closed by
 * message {@code w + 1}); forced swaps between two ladder rungs at a fixed period; a {@link SoakMonitor}
 * closing an interval every {@code interval}.
 *
 * <p>Memory stays bounded for any duration: a ring of recent windows ({@link SeqTracker}), histograms per
 * interval and for the run, one small record per interval.
 *
 * <p>Threads: {@link #run} publishes on the caller's thread; the monitor and the swap requests run on two
 * single-thread schedulers; results and events arrive on Paho's callback threads.
 */
final class SoakSession {
  static final int FRAMES = 512;
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * @param variants the two rungs the swaps alternate between; the agent starts on the card's model, the
   *     first swap goes to {@code variants[1]}
   */
  record Params(String brokerUrl, int httpPort, Path modelCard, Path ladder, List<String> variants, double rate,
      Duration warmup, Duration duration, Duration interval, Duration swapEvery, int deadlineMs, List<String> jvmFlags,
      Path workDir, long seed) {
    Params {
      if (!(rate > 0) || duration.isNegative() || duration.isZero() || interval.toMillis() < 1000
          || swapEvery.isNegative() || variants.size() != 2) {
        throw new IllegalArgumentException("soak needs rate > 0, duration > 0, interval >= 1 s, swap-every >= 0 and"
            + " two variants but got rate=" + rate + " duration=" + duration + " interval=" + interval
            + " swapEvery=" + swapEvery + " variants=" + variants);
      }
    }
  }

  /**
   * Everything the run measured.
   *
   * @param agentAliveAtEnd whether the agent process was still running when the stream ended
   * @param errors readings that failed, publishes that threw, listener errors: empty in a clean run
   */
  record Outcome(List<IntervalFigures> intervals, SeqTracker.Tally windows, LogHistogram.Pcts e2e,
      LogHistogram.Pcts gcPauses, LogHistogram.Pcts safepoints, LogHistogram.Pcts allocationStalls, long collections, long swapsRequested,
      SwapEvents.Counts swaps, LogHistogram.Pcts swapMillis, LogHistogram.Pcts flipMicros,
      io.edgeladder.bench.PipelineCounts agent, java.util.Map<String, Long> resultsPerVariant, double measuredSeconds,
      boolean agentAliveAtEnd, List<String> errors, String agentLog, String gcLog) {}

  private SoakSession() {}

  static Outcome run(Params p, Consumer<String> out) throws Exception {
    AdaptiveYaml cfg = new AdaptiveYaml("bench-soak", p.brokerUrl(), p.httpPort(), p.modelCard(), p.ladder(), FRAMES,
        p.deadlineMs(), 64, 1, AdaptiveYaml.Adaptive.forcedSwapsOnly(), null, p.workDir().resolve("state"));
    Path config = cfg.write(p.workDir().resolve("soak-agent.yaml"));
    Path gcFile = p.workDir().resolve("agent-gc.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(p.jvmFlags());
    cmd.add(GcLog.jvmFlag(gcFile));
    cmd.addAll(List.of("-cp", ClasspathJar.of(p.workDir()), BenchMain.class.getName(), "adaptive-agent",
        "--config", config.toAbsolutePath().toString(), "--ladder", p.ladder().toAbsolutePath().toString()));
    SensorFeed feed = new SensorFeed(FRAMES, 10_000, p.seed());
    long warmupMessages = Math.max(2, Math.round(p.rate() * p.warmup().toNanos() / 1e9));
    long messages = warmupMessages + Math.round(p.rate() * p.duration().toNanos() / 1e9);
    double intervalSeconds = p.interval().toNanos() / 1e9;
    SeqTracker tracker = new SeqTracker(
        SeqTracker.capacityFor(p.rate() * (intervalSeconds + 2 * GRACE_NANOS / 1e9 + 5)), warmupMessages - 1);
    SwapEvents swaps = new SwapEvents();
    GcLog gcLog = new GcLog(gcFile);
    List<BenchClient> clients = new ArrayList<>();
    ScheduledExecutorService monitorThread = daemonScheduler("soak-monitor");
    ScheduledExecutorService swapThread = daemonScheduler("soak-swaps");
    AgentProcess agent = AgentProcess.launch(cmd, p.httpPort(), p.workDir().resolve("agent.log"));
    try {
      agent.awaitReady(Duration.ofSeconds(120));
      BenchClient results = BenchClient.connect(p.brokerUrl(), "bench-soak-results", tracker);
      clients.add(results);
      results.subscribe("inference/" + cfg.agentId() + "/" + AdaptiveYaml.PIPELINE, 0);
      BenchClient events = BenchClient.connect(p.brokerUrl(), "bench-soak-events", swaps);
      clients.add(events);
      events.subscribe("fleet/" + cfg.agentId() + "/events", 1);
      BenchClient sensor = BenchClient.connect(p.brokerUrl(), "bench-soak-sensor", null);
      clients.add(sensor);
      SoakMonitor monitor = new SoakMonitor(agent, tracker, gcLog, swaps, GRACE_NANOS, out);

      double period = 1e9 / p.rate();
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
      long measuredStart = start + (long) (warmupMessages * period);
      long end = start + (long) (messages * period);
      long intervalNanos = p.interval().toNanos();
      out.accept(String.format(java.util.Locale.ROOT, "  warm-up %d messages, then %d measured at %.0f/s; agent pid %d",
          warmupMessages, messages - warmupMessages, p.rate(), agent.pid()));
      monitorThread.schedule(() -> monitor.begin(System.nanoTime()), measuredStart - System.nanoTime(),
          TimeUnit.NANOSECONDS);
      long[] ticks = {0};
      monitorThread.scheduleAtFixedRate(() -> {
        long now = System.nanoTime();
        monitor.tick(now);
        ticks[0]++;
        // the interval that would end within a second of the stream's end is closed after the drain instead
        if (ticks[0] % Math.max(1, Math.round(intervalSeconds)) == 0 && now < end - TimeUnit.SECONDS.toNanos(1)) {
          monitor.closeInterval(now, false);
        }
      }, measuredStart + TimeUnit.SECONDS.toNanos(1) - System.nanoTime(), TimeUnit.SECONDS.toNanos(1),
          TimeUnit.NANOSECONDS);
      if (!p.swapEvery().isZero()) {
        long[] n = {0};
        swapThread.scheduleAtFixedRate(() -> {
          String to = p.variants().get((int) (++n[0] % 2));
          try {
            monitor.swapsRequested.incrementAndGet();
            agent.send("swap " + AdaptiveYaml.PIPELINE + " " + to);
          } catch (java.io.IOException | RuntimeException e) {
            out.accept("  ! swap to " + to + " failed: " + e);
          }
        }, measuredStart + p.swapEvery().toNanos() - System.nanoTime(), p.swapEvery().toNanos(), TimeUnit.NANOSECONDS);
      }

      long publishErrors = publish(sensor, feed, tracker, monitor, start, period, messages);
      swapThread.shutdownNow();
      boolean alive = agent.isAlive();
      drain(tracker, messages - 2);
      monitorThread.shutdown();
      monitorThread.awaitTermination(30, TimeUnit.SECONDS);
      monitor.closeInterval(System.nanoTime(), true);
      List<String> errors = new ArrayList<>(monitor.errors());
      if (publishErrors > 0) {
        errors.add(publishErrors + " publishes failed");
      }
      if (!alive) {
        errors.add("the agent exited during the run; log: " + agent.log());
      }
      for (BenchClient c : clients) {
        if (c.callbackErrors() > 0) {
          errors.add(c.callbackErrors() + " listener errors on a bench client");
        }
      }
      if (swaps.unreadable() > 0 || gcLog.unreadable() > 0) {
        errors.add(swaps.unreadable() + " unreadable events, " + gcLog.unreadable() + " unreadable GC log lines");
      }
      return new Outcome(monitor.intervals(), tracker.total(), monitor.runLatency().summary(),
          gcLog.runGcPauses().summary(), gcLog.runSafepoints().summary(), gcLog.runStalls().summary(),
          gcLog.runCollections(),
          monitor.swapsRequested.get(), swaps.run(), swaps.swapTimes(), flipMicros(swaps.flipTimes()),
          monitor.agentCounts(), tracker.variants(), (end - measuredStart) / 1e9, alive, errors,
          agent.log().toString(), gcFile.toString());
    } finally {
      swapThread.shutdownNow();
      monitorThread.shutdownNow();
      clients.forEach(BenchClient::close);
      agent.close();
    }
  }

  /** Message {@code i} due at {@code start + i × period}; returns the publishes that threw. */
  private static long publish(BenchClient sensor, SensorFeed feed, SeqTracker tracker, SoakMonitor monitor,
      long start, double period, long messages) {
    long errors = 0;
    for (long i = 0; i < messages; i++) {
      long due = start + (long) (i * period);
      SensorFeed.awaitNanos(due);
      long now = System.nanoTime();
      if (i >= 1) {
        tracker.sent(now);
      }
      monitor.publishLagMaxNanos.accumulateAndGet(now - due, Math::max);
      try {
        sensor.publish(AdaptiveYaml.TOPIC, feed.payload(i), 0);
      } catch (Exception e) {
        errors++;
      }
    }
    return errors;
  }

  /** Waits for the last window's result while results keep coming (at most 30 s). */
  private static void drain(SeqTracker tracker, long lastWindow) throws InterruptedException {
    long hardStop = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long seen = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < hardStop && tracker.highestSeq() < lastWindow) {
      long now = tracker.total().results();
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(3)) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /** The flip times were recorded in nanoseconds; reported in microseconds they read as in the agent's event. */
  private static LogHistogram.Pcts flipMicros(LogHistogram.Pcts ms) {
    return new LogHistogram.Pcts(ms.count(), ms.meanMs() * 1000, ms.p50Ms() * 1000, ms.p99Ms() * 1000,
        ms.p999Ms() * 1000, ms.maxMs() * 1000);
  }

  private static ScheduledExecutorService daemonScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
