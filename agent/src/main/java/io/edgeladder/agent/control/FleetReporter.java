package io.edgeladder.agent.control;

import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineInfo;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the controller's registry reads: the retained birth ({@code fleet/{agent}/birth}, QoS 1)
 * at start, after every reconnect and after every desired-state application; a heartbeat every
 * {@code control.heartbeatMs} (QoS 0) with per-pipeline KPIs ({@link HeartbeatKpis}); the retained reported
 * state ({@code fleet/{agent}/reported}, QoS 1).
 *
 * <p>Threads: one daemon thread of its own ({@code fleet-reporter}) builds and publishes births and
 * heartbeats; {@link #birth()} and {@link #reported} may be called from any thread and never block. A failing
 * heartbeat is logged and counted ({@code edge.control.heartbeat.failures}); the next one still runs.
 */
final class FleetReporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FleetReporter.class);

  private final BirthFacts facts;
  private final List<Pipeline> pipelines;
  private final Map<String, String> models;
  private final Supplier<Map<String, Object>> status;
  private final Transport transport;
  private final ControlEvents events;
  private final Clock clock;
  private final long startNanos;
  private final HeartbeatKpis kpis = new HeartbeatKpis();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fleet-reporter");
    t.setDaemon(true);
    return t;
  });
  private volatile ControlState state; // set once the state is built, before start
  private long seq; // reporter thread only

  FleetReporter(BirthFacts facts, List<Pipeline> pipelines, Map<String, String> models,
      Supplier<Map<String, Object>> status, Transport transport, ControlEvents events, Clock clock) {
    this.facts = facts;
    this.pipelines = List.copyOf(pipelines);
    this.models = Map.copyOf(models);
    this.status = status;
    this.transport = transport;
    this.events = events;
    this.clock = clock;
    this.startNanos = clock.monotonicTime();
  }

  /** Publishes the birth now and after every reconnect, then heartbeats every {@code heartbeatMillis}. */
  void start(ControlState state, long heartbeatMillis) {
    this.state = state;
    birth();
    transport.onConnected(this::birth);
    executor.scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
  }

  /** Publishes the birth (on the reporter thread). */
  void birth() {
    submit(() -> {
      List<PipelineInfo> infos = new ArrayList<>();
      for (Pipeline p : pipelines) {
        infos.add(new PipelineInfo(p.name(), models.get(p.name()), state.activeVariant(p.name()),
            state.releaseOf(p.name())));
      }
      publish(Topics.birth(facts.agentId()), facts.birth(infos, state.installedArtifacts()).toJson(), 1, true);
    });
  }

  /** Publishes {@code reported} retained. */
  void reported(ReportedState reported) {
    publish(Topics.reported(facts.agentId()), reported.toJson(), 1, true);
  }

  private void heartbeat() {
    try {
      Heartbeat hb = new Heartbeat(facts.agentId(), facts.incarnation(), seq++, Instant.ofEpochMilli(clock.wallTime()),
          (clock.monotonicTime() - startNanos) / 1_000_000, state.applied().version(), kpis.next(status.get()));
      publish(Topics.heartbeat(facts.agentId()), hb.toJson(), 0, false);
    } catch (Throwable t) { // a periodic loop never dies
      events.heartbeatFailures.increment();
      log.warn("heartbeat failed; the next one retries", t);
    }
  }

  private void submit(Runnable work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.warn("birth not published", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private void publish(String topic, byte[] json, int qos, boolean retain) {
    transport.publish(topic, json, json.length, qos, retain).exceptionally(e -> {
      log.debug("{} not delivered: {}", topic, e.toString());
      return null;
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
