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

/**
 * The agent's meter registry: Prometheus format, every meter tagged {@code agent=<id>}, with the JVM
 * binders (memory, GC, threads, class loading, processor, uptime) already bound. Other packages register
 * their meters on {@link #registry()}; {@link AgentHttpServer} serves it on {@code /metrics}.
 *
 * <p>Close it at shutdown: the GC binder holds JMX notification listeners.
 */
public final class AgentMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;

  private AgentMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
    this.registry = registry;
    this.gcMetrics = gcMetrics;
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
    return new AgentMetrics(registry, gc);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
