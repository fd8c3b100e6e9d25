package io.edgeladder.agent.monitor;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a {@link ResourceProbe} on a schedule, keeps the latest sample for the policy, exposes it as
 * gauges ({@code edge.resource.*}) and publishes it as telemetry on {@code fleet/{agent}/telemetry}.
 *
 * <p><b>Threads:</b> sampling and publishing run on the injected {@link ScheduledExecutorService}; the
 * loops never die: a throwing probe or transport is caught, counted ({@code edge.resource.sample.failures})
 * and logged, and a tick that finds the previous one still running is skipped and counted.
 * {@link #latest()} may be called from any thread (a volatile read).
 */
public final class ResourceMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResourceMonitor.class);

  private final String agentId;
  private final ResourceProbe probe;
  private final Transport transport;
  private final ScheduledExecutorService executor;
  private final MonitorSettings settings;
  private final Counter failures;
  private final Counter skipped;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>(); // guarded by this
  private volatile ResourceSample latest;

  private ResourceMonitor(String agentId, ResourceProbe probe, Transport transport, MeterRegistry registry,
      ScheduledExecutorService executor, MonitorSettings settings) {
    this.agentId = Topics.level("agent", agentId);
    this.probe = probe;
    this.transport = transport;
    this.executor = executor;
    this.settings = settings;
    this.failures = Counter.builder("edge.resource.sample.failures")
        .description("probe samples or telemetry publishes that threw").register(registry);
    this.skipped = Counter.builder("edge.resource.sample.skipped")
        .description("ticks skipped because the previous sample was still running").register(registry);
    gauge(registry, "edge.resource.cpu.system", "percent", s -> s.cpu() == null ? Double.NaN : s.cpu().systemPercent());
    gauge(registry, "edge.resource.cpu.process", "percent", s -> s.cpu() == null ? Double.NaN : s.cpu().processPercent());
    gauge(registry, "edge.resource.memory.rss", "bytes",
        s -> s.memory() == null || s.memory().processRssBytes() < 0 ? Double.NaN : s.memory().processRssBytes());
    gauge(registry, "edge.resource.thermal.max", "celsius", s -> s.thermal() == null ? Double.NaN : s.thermal().maxCelsius());
    gauge(registry, "edge.resource.battery.level", "percent",
        s -> s.power() == null ? Double.NaN : s.power().batteryPercent());
    gauge(registry, "edge.resource.power.watts", "watts", s -> s.power() == null ? Double.NaN : s.power().watts());
    gauge(registry, "edge.resource.energy.joules", "joules",
        s -> s.power() == null ? Double.NaN : s.power().energyJoules());
    Gauge.builder("edge.resource.probe.problems", probe, p -> p.problemCount())
        .description("missing, unreadable or garbage probe files seen").register(registry);
  }

  /**
   * A monitor; nothing runs until {@link #start()}.
   *
   * @param transport where telemetry goes; null publishes none (tests, offline tools)
   * @param executor runs the sampling and publishing ticks; the caller owns (and shuts down) it
   */
  public static ResourceMonitor create(String agentId, ResourceProbe probe, Transport transport,
      MeterRegistry registry, ScheduledExecutorService executor, MonitorSettings settings) {
    return new ResourceMonitor(agentId, probe, transport, registry, executor, settings);
  }

  private void gauge(MeterRegistry registry, String name, String unit, ToDoubleFunction<ResourceSample> f) {
    Gauge.builder(name, this, m -> {
      ResourceSample s = m.latest;
      return s == null ? Double.NaN : f.applyAsDouble(s);
    }).baseUnit(unit).register(registry);
  }

  /** Schedules sampling (first one now) and telemetry (first one after one telemetry period). */
  public synchronized void start() {
    if (!tasks.isEmpty()) throw new IllegalStateException("resource monitor for " + agentId + " already started");
    long period = settings.period().toMillis();
    long telemetry = settings.telemetryPeriod().toMillis();
    tasks.add(executor.scheduleAtFixedRate(this::sampleNow, 0, period, TimeUnit.MILLISECONDS));
    if (transport != null) {
      tasks.add(executor.scheduleAtFixedRate(this::publishNow, telemetry, telemetry, TimeUnit.MILLISECONDS));
    }
  }

  /** One sampling tick; never throws. Returns false when skipped or failed. */
  public boolean sampleNow() {
    if (!sampling.compareAndSet(false, true)) {
      skipped.increment();
      return false;
    }
    try {
      latest = probe.sample();
      return true;
    } catch (Throwable t) {
      failures.increment();
      log.warn("resource monitor {}: sample failed ({} so far)", agentId, (long) failures.count(), t);
      return false;
    } finally {
      sampling.set(false);
    }
  }

  /** One telemetry tick: publishes the latest sample, if any; never throws. */
  public void publishNow() {
    ResourceSample s = latest;
    if (s == null || transport == null) return;
    try {
      byte[] json = TelemetryJson.write(agentId, s, probe.problemCount(), (long) failures.count());
      transport.publish(Topics.telemetry(agentId), json, json.length, 0, false)
          .exceptionally(e -> null); // offline: the next tick sends a newer sample anyway
    } catch (Throwable t) {
      failures.increment();
      log.warn("resource monitor {}: telemetry publish failed", agentId, t);
    }
  }

  /** The latest sample, or null before the first one succeeded. Any thread. */
  public ResourceSample latest() {
    return latest;
  }

  public long failures() {
    return (long) failures.count();
  }

  public long skippedTicks() {
    return (long) skipped.count();
  }

  /** Stops the ticks (a running one finishes); does not shut the executor down. */
  @Override
  public synchronized void close() {
    tasks.forEach(t -> t.cancel(false));
    tasks.clear();
  }
}
