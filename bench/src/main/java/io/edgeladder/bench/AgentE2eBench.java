package io.edgeladder.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent end to end: the agent in its own JVM, a paced sensor stream in, results out, all through the
 * same broker as the references. Phases on one continuous stream (message {@code n} closes window
 * {@code n - (windowSize / hop - 1)}):
 * <ol>
 *   <li>warm-up at the fixed rate (not measured);</li>
 *   <li>steady: the fixed rate, measured: E2E latency from the send of the message that closed a window
 *       to the arrival of its result, losses, deadline misses, sheds, allocation per window, RSS;</li>
 *   <li>saturation: as fast as the agent answers, with at most {@code maxInFlight} windows unanswered.</li>
 * </ol>
 */
final class AgentE2eBench {
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final String SENSOR_TOPIC = "bench/sensor";

  /**
   * @param capacity most messages the run may send (sizes the timestamp arrays, allocated up front)
   */
  record Params(String brokerUrl, AgentConfigYaml config, Path agentJar, List<String> jvmFlags, Path workDir,
      double rate, double warmupSeconds, double steadySeconds, double saturationSeconds, int maxInFlight,
      int capacity, long seed) {
    Params {
      if (!(rate > 0) || warmupSeconds < 0 || !(steadySeconds > 0) || saturationSeconds < 0 || maxInFlight < 1) {
        throw new IllegalArgumentException("agent bench needs rate > 0, warm-up >= 0, steady > 0, saturation >= 0"
            + " and max in-flight >= 1 but got " + rate + ", " + warmupSeconds + ", " + steadySeconds + ", "
            + saturationSeconds + ", " + maxInFlight);
      }
    }
  }

  private AgentE2eBench() {}

  static AgentE2eResult run(Params p) throws Exception {
    AgentConfigYaml cfg = p.config();
    Path configFile = cfg.write(p.workDir().resolve("agent.yaml"));
    SensorFeed feed = new SensorFeed(cfg.hop(), cfg.sampleRateHz(), p.seed());
    long[] sent = new long[p.capacity()];
    ResultTracker tracker = new ResultTracker(p.capacity());
    long offset = cfg.messageClosing(0);
    long startNanos = System.nanoTime();
    try (AgentProcess agent = AgentProcess.start(p.agentJar(), p.jvmFlags(), configFile, cfg.httpPort(),
        p.workDir().resolve("agent.log"))) {
      agent.awaitReady(Duration.ofSeconds(60));
      long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      try (BenchClient results = BenchClient.connect(p.brokerUrl(), "bench-results", tracker);
           BenchClient publisher = BenchClient.connect(p.brokerUrl(), "bench-sensor", null)) {
        results.subscribe(cfg.resultTopic(), 0);
        Stream stream = new Stream(publisher, cfg.topic(), feed, sent);
        double period = 1e9 / p.rate();
        stream.paced(Math.round(p.rate() * p.warmupSeconds()), period);

        // Steady phase, bracketed by counters; the allocation meter is read twice back to back first, so
        // the cost of rendering one /metrics answer (inside the delta) can be taken out again.
        long steadyFirst = stream.next;
        // The agent's counters must include every warm-up message before the phase's first reading.
        tracker.awaitSeq(steadyFirst - 1 - offset, DRAIN_NANOS);
        PipelineCounts before = PipelineCounts.of(agent.status());
        Allocation.Reading a1 = Allocation.read(agent);
        Allocation.Reading a2 = Allocation.read(agent);
        RssSampler rss = RssSampler.start(agent);
        long steadyStart = System.nanoTime();
        stream.paced(Math.round(p.rate() * p.steadySeconds()), period);
        long steadyEnd = System.nanoTime();
        long steadyLast = stream.next - 1;
        tracker.awaitSeq(steadyLast - offset, DRAIN_NANOS);
        Allocation.Reading a3 = Allocation.read(agent);
        PipelineCounts after = PipelineCounts.of(agent.status());
        long[] rssFigures = rss.stop();
        PipelineCounts steadyCounts = after.minus(before);
        Allocation alloc = Allocation.of(a1, a2, a3, steadyCounts.windowsIn());
        AgentE2eResult.FixedRate fixed = FixedRateFigures.of(tracker, sent, offset, steadyFirst, steadyLast,
            steadyStart, steadyEnd, steadyCounts, after, alloc, rssFigures);

        AgentE2eResult.Saturation saturation = null;
        if (p.saturationSeconds() > 0) {
          saturation = saturate(p, agent, stream, tracker, offset, after);
        }
        return new AgentE2eResult(fixed, saturation, tracker.resultBytes(), feed.payloadBytes(), agent.pid(),
            agent.log().toString(), p.jvmFlags(), readyMillis, tracker.mismatches(), tracker.duplicates(),
            tracker.outOfRange(), results.callbackErrors(), tracker.firstResult());
      }
    }
  }

  private static AgentE2eResult.Saturation saturate(Params p, AgentProcess agent, Stream stream,
      ResultTracker tracker, long offset, PipelineCounts before) throws Exception {
    long first = stream.next;
    long start = System.nanoTime();
    long end = start + (long) (p.saturationSeconds() * 1e9);
    long stalls = 0;
    while (System.nanoTime() < end && stream.next < stream.sent.length) {
      long closes = stream.next - offset; // the window this message closes
      // At most maxInFlight windows unanswered once this one is sent; a shed window never answers, so
      // the wait is bounded and a timeout only counts a stall.
      if (!tracker.awaitSeq(closes - p.maxInFlight(), TimeUnit.MILLISECONDS.toNanos(100))) {
        stalls++;
      }
      stream.sendOne();
    }
    long stop = System.nanoTime();
    long last = stream.next - 1;
    tracker.awaitSeq(last - offset, DRAIN_NANOS);
    PipelineCounts counts = PipelineCounts.of(agent.status()).minus(before);
    Samples e2e = new Samples((int) (last - first + 1));
    long inWindow = 0;
    for (long n = Math.max(first, offset); n <= last; n++) {
      long r = tracker.receivedNanos(n - offset);
      if (r != 0) {
        e2e.record(r - stream.sent[(int) n]);
        if (r <= stop) {
          inWindow++;
        }
      }
    }
    double seconds = (stop - start) / 1e9;
    return new AgentE2eResult.Saturation(seconds, (last - first + 1) / seconds, inWindow / seconds,
        e2e.summary(), counts, stalls, p.maxInFlight(), stream.next >= stream.sent.length);
  }

  /** The sensor stream: one publisher, message numbers continuous across phases. Main thread only. */
  private static final class Stream {
    final BenchClient publisher;
    final String topic;
    final SensorFeed feed;
    final long[] sent;
    long next;

    Stream(BenchClient publisher, String topic, SensorFeed feed, long[] sent) {
      this.publisher = publisher;
      this.topic = topic;
      this.feed = feed;
      this.sent = sent;
    }

    /** Sends {@code count} messages, message i due at {@code start + i * period} (monotonic, no drift). */
    void paced(long count, double periodNanos) throws Exception {
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
      for (long i = 0; i < count && next < sent.length; i++) {
        SensorFeed.awaitNanos(start + (long) (i * periodNanos));
        sendOne();
      }
    }

    void sendOne() throws Exception {
      sent[(int) next] = System.nanoTime();
      publisher.publish(topic, feed.payload(next), 0);
      next++;
    }
  }

  /** Samples the agent's RSS every 200 ms on its own thread: max and last. */
  private static final class RssSampler {
    private final ScheduledExecutorService timer;
    private final AtomicLong max = new AtomicLong(-1);
    private final AtomicLong last = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();

    private RssSampler(AgentProcess agent) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-rss");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(() -> {
        long rss = agent.rssBytes();
        last.set(rss);
        max.accumulateAndGet(rss, Math::max);
        samples.incrementAndGet();
      }, 0, 200, TimeUnit.MILLISECONDS);
    }

    static RssSampler start(AgentProcess agent) {
      return new RssSampler(agent);
    }

    /** {max, last, samples}, bytes. */
    long[] stop() throws InterruptedException {
      timer.shutdown();
      timer.awaitTermination(2, TimeUnit.SECONDS);
      return new long[] {max.get(), last.get(), samples.get()};
    }
  }
}
