package io.edgeladder.agent.http;

import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent's meter registry: Prometheus format, every meter tagged {@code agent=<id>}, with the JVM
 * binders (memory, GC, threads, class loading, processor, uptime) already bound, plus
 * {@code edge.jvm.allocated} (bytes, Prometheus {@code edge_jvm_allocated_bytes_total}): heap bytes allocated
 * by every thread of the process, exact at each read, unlike {@code jvm.gc.memory.allocated} which only
 * moves at a GC. The benchmark divides its delta by windows to get allocation per window. Other packages register
 * their meters on {@link #registry()}; {@link AgentHttpServer} serves it on {@code /metrics}.
 *
 * <p>Close it at shutdown: the GC binder holds JMX notification listeners.
 */
public final class AgentMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  /** Held strongly: Micrometer keeps a function counter's object only weakly and freezes it once collected. */
  private final AllocatedBytes allocated;

  private AgentMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics, AllocatedBytes allocated) {
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.allocated = allocated;
  }

  /**
   * Creates the registry and binds the JVM meters.
   *
   * @param agentId the agent id, set as the common tag {@code agent}
   * @throws IllegalArgumentException if agentId is not a valid topic level
   */
  public static AgentMetrics create(String agentId) {
    Topics.level("agent", agentId);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Common tags first: meters registered before this call would not carry them.
    registry.config().commonTags("agent", agentId);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    AllocatedBytes allocated = new AllocatedBytes();
    FunctionCounter.builder("edge.jvm.allocated", allocated, AllocatedBytes::total)
        .baseUnit("bytes")
        .description("heap bytes allocated by all threads (ThreadMXBean), dead threads' last reading kept")
        .register(registry);
    return new AgentMetrics(registry, gc, allocated);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }

  /**
   * Sum of {@code ThreadMXBean#getThreadAllocatedBytes} over live threads, kept monotonic: each thread's
   * growth since the previous read is added, so a thread that exits does not take its bytes away.
   * Read on the scrape thread only (a scrape allocates a little; it is a cold path), guarded by {@code this}.
   */
  private static final class AllocatedBytes {
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> lastByThread = new HashMap<>();
    private double total;

    synchronized double total() {
      if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
        return Double.NaN;
      }
      long[] ids = threads.getAllThreadIds();
      long[] bytes = threads.getThreadAllocatedBytes(ids);
      Map<Long, Long> seen = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        if (bytes[i] < 0) continue; // the thread died between the two calls
        Long previous = lastByThread.get(ids[i]);
        total += bytes[i] - (previous == null ? 0 : previous);
        seen.put(ids[i], bytes[i]);
      }
      lastByThread.clear();
      lastByThread.putAll(seen);
      return total;
    }
  }
}
