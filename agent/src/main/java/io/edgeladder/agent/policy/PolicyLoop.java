package io.edgeladder.agent.policy;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each pipeline's {@link Policy} on a schedule, publishes every decision as a {@code policy.decision}
 * {@link AgentEvent} on {@code fleet/{agent}/events} (details: action, current, target, reason, inputs)
 * and hands switches to the {@link SwapRequester}. An optional listener sees every decision last (metrics).
 *
 * <p>Never dies: a failing input supplier, publish or swap request is logged and counted
 * ({@link #failures()}) and the other pipelines and later ticks go on. A tick that starts while the
 * previous one still runs is skipped ({@link #skippedTicks()}).
 *
 * <p>Threads: {@link #tick()} runs on the injected scheduler (or the caller's thread in tests); the
 * policies are confined to whichever thread runs the tick, guarded by the {@code running} flag.
 */
public final class PolicyLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PolicyLoop.class);
  public static final String EVENT_TYPE = "policy.decision";

  /** One pipeline's policy and where its inputs come from (sampled once per tick). */
  public record Binding(Policy policy, Supplier<PolicyInputs> inputs) {
    public Binding {
      if (policy == null || inputs == null) throw new IllegalArgumentException("policy binding needs a policy and inputs");
    }
  }

  private final String agentId;
  private final String topic;
  private volatile List<Binding> bindings; // replaced whole by add(), read once per tick
  private final SwapRequester swaps;
  private final Transport transport;
  private final Clock clock;
  private final Consumer<Decision> listener;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final Map<String, Decision> last = new ConcurrentHashMap<>();
  private volatile ScheduledFuture<?> schedule;

  public PolicyLoop(String agentId, List<Binding> bindings, SwapRequester swaps, Transport transport, Clock clock) {
    this(agentId, bindings, swaps, transport, clock, d -> { });
  }

  /**
   * @param listener called with every decision on the tick's thread, after it was published and a switch
   *     requested; must return quickly; a throwing listener is logged and counted in {@link #failures()}
   */
  public PolicyLoop(String agentId, List<Binding> bindings, SwapRequester swaps, Transport transport, Clock clock,
      Consumer<Decision> listener) {
    this.listener = listener;
    this.agentId = agentId;
    this.topic = Topics.events(agentId);
    this.bindings = List.copyOf(bindings);
    this.swaps = swaps;
    this.transport = transport;
    this.clock = clock;
  }

  /** Ticks every {@code period} on {@code scheduler} until {@link #close()}. */
  public PolicyLoop start(ScheduledExecutorService scheduler, Duration period) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("policy.period must be > 0 but was " + period);
    }
    long nanos = period.toNanos();
    schedule = scheduler.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
    return this;
  }

  /**
   * Adds a pipeline's binding (a ladder installed while the agent runs); the next tick decides for it too.
   * Any thread.
   */
  public synchronized void add(Binding binding) {
    List<Binding> next = new java.util.ArrayList<>(bindings);
    next.add(binding);
    bindings = List.copyOf(next);
  }

  /** Decides once for every pipeline. Never throws. */
  public void tick() {
    if (!running.compareAndSet(false, true)) {
      skipped.incrementAndGet();
      return;
    }
    try {
      for (Binding b : bindings) {
        decideOne(b);
      }
    } finally {
      running.set(false);
    }
  }

  private void decideOne(Binding b) {
    try {
      Decision d = b.policy().decide(b.inputs().get(), clock.monotonicTime());
      last.put(d.pipeline(), d);
      switch (d.action()) {
        case SWITCH -> log.info("pipeline {}: switch {} -> {}: {}", d.pipeline(), d.current(), d.target(), d.reason());
        case PROBLEM -> log.warn("pipeline {}: policy problem: {}", d.pipeline(), d.reason());
        case HOLD -> log.debug("pipeline {}: hold {}: {}", d.pipeline(), d.current(), d.reason());
      }
      publish(d);
      if (d.isSwitch()) swaps.requestSwap(d.pipeline(), d.target(), d.reason());
      notifyListener(d);
    } catch (Throwable t) {
      failures.incrementAndGet();
      log.warn("policy tick failed; next tick retries", t);
    }
  }

  private void notifyListener(Decision d) {
    try {
      listener.accept(d);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      log.warn("policy decision listener failed for {}", d.pipeline(), e);
    }
  }

  private void publish(Decision d) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", d.action().name());
    if (d.current() != null) details.put("current", d.current());
    if (d.target() != null) details.put("target", d.target());
    details.put("reason", d.reason());
    details.put("inputs", d.inputs());
    String message = d.action() + " " + d.current() + (d.isSwitch() ? " -> " + d.target() : "") + ": " + d.reason();
    byte[] json = new AgentEvent(agentId, EVENT_TYPE, clock.wallTime(), d.pipeline(), message, details).toJson();
    transport.publish(topic, json, json.length, 1, false)
        .exceptionally(e -> {
          log.debug("policy decision for {} not delivered: {}", d.pipeline(), e.toString());
          return null;
        });
  }

  /** The latest decision for {@code pipeline}, or {@code null} before its first tick. */
  public Decision lastDecision(String pipeline) {
    return last.get(pipeline);
  }

  public long failures() {
    return failures.get();
  }

  public long skippedTicks() {
    return skipped.get();
  }

  @Override
  public void close() {
    ScheduledFuture<?> s = schedule;
    if (s != null) s.cancel(false);
  }
}
