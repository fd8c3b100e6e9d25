package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.Condition;
import io.edgeladder.simulator.PayloadEncoder;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.VibrationSource;
import io.edgeladder.simulator.paho.PahoPublisher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Input far above what one worker can serve: three raw pipelines receive 16384-frame messages (each
 * closes 31-32 windows at the same instant) as fast as the broker takes them, with a 5 ms deadline and
 * a queue of 4. The agent must shed (and say so), stay bounded, keep its books and recover.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OverloadIT {
  private static final String AGENT = "ovl-gw";
  private static final String[] PIPES = {"ovl-a", "ovl-b", "ovl-c"};
  private static final int DEADLINE_MS = 5;
  private static final int QUEUE = 4;
  private static final int FLOOD_FRAMES = 16_384;
  private static final Duration FLOOD = Duration.ofSeconds(3);
  /** Flood messages per second, all pipelines: ~3200 windows/s arriving 32 at a time. */
  private static final int FLOOD_RATE = 100;
  /**
   * Heap growth allowed across the flood, after GC. What the agent may hold is fixed: per pipeline
   * {@code queue + workers + 1} = 6 windows of 3 x 1024 floats (72 KiB) and one decode scratch of
   * 43690 frames (512 KiB). The rest of this bound is for the broker in the same JVM (HiveMQ keeps
   * per-client queues and pooled buffers) and JIT/metric state; an agent that queued windows or
   * payloads would exceed it within the first second (16384 frames arrive ~1000 times a second).
   */
  private static final long HEAP_GROWTH_BOUND = 64L << 20;

  /** Quiet time after which the broker is taken to have delivered all it will. */
  private static final Duration SETTLE = Duration.ofMillis(500);

  private EmbeddedBroker broker;
  private Agent agent;
  private MqttCollector collector;
  private PahoPublisher publisher;

  @BeforeEach
  void setUp() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterEach
  void tearDown() {
    if (publisher != null) publisher.close();
    if (collector != null) collector.close();
    if (agent != null) agent.close();
    broker.close();
  }

  @Test
  void agent_floodFarAboveCapacity_shedsBoundedAndRecovers() throws Exception {
    E2e.Pipe[] pipes = new E2e.Pipe[PIPES.length];
    for (int i = 0; i < pipes.length; i++) {
      pipes[i] = E2e.Pipe.of(PIPES[i], "raw-f32le", DEADLINE_MS);
    }
    agent = E2e.start(E2e.config(AGENT, broker.url(), 1, QUEUE, pipes));
    collector = MqttCollector.subscribe(broker.url(), AGENT);
    publisher = PahoPublisher.connect(broker.url(), "ovl-flood", 0, 10);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();

    byte[] flood = encode(Condition.IMBALANCE, FLOOD_FRAMES);
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicLong maxDepth = new AtomicLong();
    Thread sampler = new Thread(() -> sampleQueueDepth(flooding, maxDepth), "ovl-sampler");
    sampler.start();
    long floodMessages = flood(pipes, flood);
    // QoS 0 sensor data: the broker may drop what a saturated subscriber cannot take, so wait for
    // the agent to settle rather than for every message.
    Quiescence settled = new Quiescence(agent, SETTLE);
    E2e.await("the agent to settle after the flood", Duration.ofSeconds(30), settled::reached,
        () -> "status " + agent.status());
    flooding.set(false);
    sampler.join();

    // Books balance after quiescence: every window cut is served, shed or failed.
    JsonNode status = E2e.status(agent);
    PromText metrics = E2e.metrics(agent);
    long windowsPerMessage = FLOOD_FRAMES / E2e.HOP;
    for (String name : PIPES) {
      JsonNode p = E2e.pipeline(status, name);
      long in = p.path("windowsIn").asLong();
      long out = p.path("windowsOut").asLong();
      long shed = E2e.shedTotal(p);
      assertThat(in).as("%s windows in", name)
          .isGreaterThanOrEqualTo(p.path("messagesIn").asLong() * (windowsPerMessage - 1)).isPositive();
      assertThat(in).as("%s: in == out + shed + failures", name)
          .isEqualTo(out + shed + p.path("inferenceFailures").asLong());
      assertThat(shed).as("%s shed", name).isGreaterThan(in / 2);
      assertThat(metrics.count("edge_windows_shed_total", "pipeline", name)).isEqualTo(shed);
      assertThat(metrics.count("edge_windows_in_total", "pipeline", name)).isEqualTo(in);
      System.out.printf("OverloadIT %s: in %d, out %d, shed %s, misses %d, publish failures %d%n", name, in,
          out, p.path("shed"), p.path("deadlineMisses").asLong(), p.path("publishFailures").asLong());
    }
    assertThat(maxDepth.get()).as("queue depth seen during the flood").isBetween(1L, (long) QUEUE);

    memory.gc();
    long growth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    System.out.printf("OverloadIT: %d flood messages (%d MiB) in %d ms, %d taken in; heap growth after GC"
        + " %d KiB; max queue depth %d%n", floodMessages, floodMessages * flood.length >> 20, FLOOD.toMillis(),
        messagesIn(status), growth >> 10, maxDepth.get());
    assertThat(growth).as("heap growth across the flood, after GC").isLessThan(HEAP_GROWTH_BOUND);

    assertServedResultsHonestAboutDeadlines();
    assertShedEventsRateLimited();
    assertRecovers(pipes[0]);
  }

  /** Every result that claims its deadline was met spent at most the deadline in queue plus run. */
  private void assertServedResultsHonestAboutDeadlines() throws InterruptedException {
    long deadlineUs = DEADLINE_MS * 1000L;
    for (String name : PIPES) {
      JsonNode p = E2e.pipeline(E2e.status(agent), name);
      long out = p.path("windowsOut").asLong();
      E2e.await(name + " results delivered", Duration.ofSeconds(10), () -> collector.resultCount(name) >= out,
          () -> collector.resultCount(name) + " of " + out);
      List<InferenceResult> results = collector.results(name);
      assertThat(results).as("%s results (QoS 1, none lost)", name).hasSize((int) out);
      assertThat(results.stream().filter(r -> !r.deadlineMet()).count()).as("%s missed results", name)
          .isEqualTo(p.path("deadlineMisses").asLong());
      long previous = -1;
      for (InferenceResult r : results) {
        assertThat(r.seq()).as("%s: results in order, no duplicates", name).isGreaterThan(previous);
        previous = r.seq();
        long spent = r.queueUs() + r.runUs();
        if (r.deadlineMet()) {
          assertThat(spent).as("%s seq %d: queue + run of a met deadline", name, r.seq())
              .isLessThanOrEqualTo(deadlineUs);
        } else {
          assertThat(spent).as("%s seq %d: queue + run of a missed deadline", name, r.seq())
              .isGreaterThan(deadlineUs - 2);
        }
      }
    }
  }

  /** Shedding is reported as events, at most about one per second per pipeline. */
  private void assertShedEventsRateLimited() throws InterruptedException {
    for (String name : PIPES) {
      E2e.await(name + " window.shed event", Duration.ofSeconds(5),
          () -> !collector.events("window.shed", name).isEmpty());
      List<AgentEvent> events = collector.events("window.shed", name);
      long span = events.get(events.size() - 1).time() - events.get(0).time();
      assertThat(events.size()).as("%s window.shed events over %d ms", name, span)
          .isLessThanOrEqualTo((int) (span / 1000) + 2);
      assertThat(events.get(0).details()).containsKey("counts");
      assertThat(events.get(0).agent()).isEqualTo(AGENT);
    }
  }

  /** After the flood, a calm stream is served again, within its deadline. */
  private void assertRecovers(E2e.Pipe pipe) throws Exception {
    assertThat(E2e.get(agent.httpPort(), "/health").statusCode()).isEqualTo(200);
    assertThat(E2e.get(agent.httpPort(), "/ready").statusCode()).isEqualTo(200);
    int before = collector.resultCount(pipe.name());
    byte[] calm = encode(Condition.IMBALANCE, 512);
    for (int i = 0; i < 20; i++) {
      publisher.publish(pipe.topic(), calm, calm.length);
      Thread.sleep(51); // 512 frames at 10 kHz: real time
    }
    E2e.await("results after the flood", Duration.ofSeconds(10), () -> collector.resultCount(pipe.name()) >= before + 15);
    List<InferenceResult> after = collector.results(pipe.name());
    long met = after.subList(before, after.size()).stream().filter(InferenceResult::deadlineMet).count();
    assertThat(met).as("calm results within the deadline").isGreaterThanOrEqualTo(10);
  }

  /**
   * Publishes {@code payload} round-robin to the pipelines at {@link #FLOOD_RATE} for {@link #FLOOD};
   * returns the count. Paced, so the flood loads the agent rather than the shared build machine.
   */
  private long flood(E2e.Pipe[] pipes, byte[] payload) {
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / FLOOD_RATE;
    long n = 0;
    while (System.nanoTime() - start < FLOOD.toNanos()) {
      long wait = start + n * periodNanos - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      assertThat(publisher.publish(pipes[(int) (n % pipes.length)].topic(), payload, payload.length)).isTrue();
      n++;
    }
    return n;
  }

  private static long messagesIn(JsonNode status) {
    long n = 0;
    for (JsonNode p : status.path("pipelines")) {
      n += p.path("messagesIn").asLong();
    }
    return n;
  }

  private void sampleQueueDepth(AtomicBoolean flooding, AtomicLong max) {
    var gauge = agent.registry().get("edge.queue.depth").gauge();
    while (flooding.get()) {
      max.accumulateAndGet((long) gauge.value(), Math::max);
      LockSupport.parkNanos(200_000);
    }
  }

  private static byte[] encode(Condition condition, int frames) {
    VibrationSource source = VibrationSource.of(5, E2e.SAMPLE_RATE).condition(condition);
    float[] samples = new float[3 * frames];
    source.next(samples, frames);
    PayloadEncoder encoder = PayloadFormat.RAW.newEncoder();
    encoder.encode(samples, frames, "ovl", 0, E2e.SAMPLE_RATE);
    return encoder.toByteArray();
  }
}
