package io.edgeladder.agent.swap;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.pipeline.ActiveVariant;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Make-before-break variant swaps for the agent's pipelines: the new variant is loaded, warmed and
 * checked against its golden output off the hot path, then switched in between windows; the old one
 * finishes its in-flight runs and is closed. Any failure leaves the old variant serving. A new variant is
 * on probation for {@link SwapSettings#probation()}: if its deadline-miss rate exceeds
 * {@link SwapSettings#maxMissRate()}, {@link #tick()} swaps the previous variant back (make-before-break
 * again, golden-checked against the output it gave before the swap).
 *
 * <p>Events on the sink: {@code swap.started}, {@code swap.completed}, {@code swap.failed},
 * {@code swap.rollback}, {@code swap.probation.passed}. A variant that serves with no probation ahead, or passes
 * it, is committed to the {@link #onCommit} listener (the agent's last known good, {@link LastGoodVariants}).
 *
 * <p>Threads: {@link #swap} and {@link #tick} from any thread; the steps run on {@code loader} (a
 * low-priority thread: it must not steal the workers' cores), drain polling on {@code timer}. One swap per
 * pipeline at a time: a second request fails at once. Per-pipeline state is guarded by its {@link SwapSlot}.
 */
public final class SwapManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SwapManager.class);

  private static final String ROLLBACK = "rollback";

  private final String agentId;
  private final Map<String, SwapSlot> slots = new LinkedHashMap<>();
  private final VariantPreparer preparer;
  private final Executor loader;
  private final DrainWatcher drains;
  /** Threads this manager started itself ({@link #of}); shut down by {@link #close}. */
  private final List<ExecutorService> owned = new ArrayList<>();
  private final Consumer<AgentEvent> events;
  private final Clock clock;
  private final SwapSettings settings;
  /** Told of each committed variant (see {@link #onCommit}); set once after construction. */
  private volatile CommitListener commits = (pipeline, spec) -> {};

  /** Told when a variant becomes a pipeline's last known good. */
  @FunctionalInterface
  public interface CommitListener {
    /**
     * {@code spec} serves {@code pipeline}, golden-checked, and passed its probation (or had none); called on
     * the swap loader thread or the thread calling {@link #tick()}. Must not block for long; exceptions are
     * logged and ignored.
     */
    void committed(String pipeline, VariantSpec spec) throws Exception;
  }

  public SwapManager(String agentId, List<Pipeline> pipelines, ModelLoader modelLoader, RunnerOptions options,
      Executor loader, ScheduledExecutorService timer, Consumer<AgentEvent> events, Clock clock,
      SwapSettings settings) {
    this.agentId = agentId;
    for (Pipeline p : pipelines) {
      slots.put(p.name(), new SwapSlot(p));
    }
    this.preparer = new VariantPreparer(modelLoader, options, clock, settings.warmUpRuns());
    this.loader = loader;
    this.drains = new DrainWatcher(timer, clock, settings.drainTimeout().toNanos());
    this.events = events;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * A manager with its own threads: one loader at minimum priority (daemon, {@code swap-loader}) and one
   * timer for drain polling; {@link #close} stops them.
   */
  public static SwapManager of(String agentId, List<Pipeline> pipelines, ModelLoader modelLoader,
      RunnerOptions options, Consumer<AgentEvent> events, Clock clock, SwapSettings settings) {
    ExecutorService loader = Executors.newSingleThreadExecutor(r -> daemon(r, "swap-loader", Thread.MIN_PRIORITY));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        r -> daemon(r, "swap-drain", Thread.NORM_PRIORITY));
    SwapManager m = new SwapManager(agentId, pipelines, modelLoader, options, loader, timer, events, clock, settings);
    m.owned.add(loader);
    m.owned.add(timer);
    return m;
  }

  private static Thread daemon(Runnable r, String name, int priority) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.setPriority(priority);
    return t;
  }

  /**
   * Where committed variants go (the agent persists them as last known good). A swap commits when its variant
   * serves and has no probation (a rollback, or probation off), or when {@link #tick()} passes its probation; a
   * swap that fails, or is interrupted, never commits.
   */
  public void onCommit(CommitListener listener) {
    this.commits = listener;
  }

  /**
   * Swaps {@code target} into {@code pipeline}.
   *
   * @return completes (never exceptionally) once the new variant serves and the old one is drained and
   *     closed ({@link SwapState#ACTIVE}), or once a step failed ({@link SwapState#FAILED} with the reason;
   *     the old variant still serves): unknown pipeline, a swap already running there, unreadable file,
   *     sha256 mismatch, load failure, signature mismatch, warm-up failure, golden mismatch
   */
  public CompletableFuture<SwapOutcome> swap(String pipeline, VariantSpec target) {
    return swap(pipeline, target, "requested");
  }

  /** {@link #swap(String, VariantSpec)} with the reason the events carry (e.g. the policy's). */
  public CompletableFuture<SwapOutcome> swap(String pipeline, VariantSpec target, String why) {
    long start = clock.monotonicTime();
    SwapSlot slot = slots.get(pipeline);
    if (slot == null) {
      return CompletableFuture.completedFuture(new SwapOutcome(pipeline, "?", target.id(), SwapState.FAILED,
          "swap: unknown pipeline " + pipeline + "; known: " + slots.keySet(), 0, 0, 0));
    }
    String from;
    synchronized (slot) {
      from = slot.pipeline.active().id();
      if (slot.busy) {
        return CompletableFuture.completedFuture(new SwapOutcome(pipeline, from, target.id(), SwapState.FAILED,
            "swap: pipeline " + pipeline + " is already swapping", 0, 0, 0));
      }
      slot.busy = true;
    }
    publish(pipeline, "swap.started", "swap " + from + " -> " + target.id() + " (" + why + ")",
        Map.of("from", from, "to", target.id(), "sha256", target.sha256(), "reason", why));
    CompletableFuture<SwapOutcome> done = new CompletableFuture<>();
    try {
      loader.execute(() -> run(slot, target, !ROLLBACK.equals(why), start, done));
    } catch (RuntimeException e) {
      finish(slot, fail(slot, from, target, "loader rejected the swap: " + e, start), done);
    }
    return done;
  }

  private void run(SwapSlot slot, VariantSpec target, boolean probation, long start,
      CompletableFuture<SwapOutcome> done) {
    Pipeline p = slot.pipeline;
    ActiveVariant old = p.active();
    VariantLifecycle life = VariantLifecycle.loading(target.id());
    ActiveVariant next;
    float[] oldGolden;
    try {
      next = preparer.prepare(target, old, p.workers(), life);
      // The old variant's answer to the same golden input: the check a rollback to it must pass.
      oldGolden = VariantPreparer.run(old.model(), target.goldenInput());
    } catch (VariantPreparer.StepFailed | InferenceException | RuntimeException e) {
      life.fail();
      finish(slot, fail(slot, old.id(), target, e.getMessage(), start), done);
      return;
    }
    long flipStart = clock.monotonicTime();
    try {
      p.activate(next);
    } catch (RuntimeException e) {
      life.fail();
      next.close();
      finish(slot, fail(slot, old.id(), target, e.getMessage(), start), done);
      return;
    }
    long flipNanos = clock.monotonicTime() - flipStart;
    life.moveTo(SwapState.ACTIVE);
    VariantLifecycle oldLife;
    boolean onProbation;
    synchronized (slot) {
      oldLife = slot.current;
      slot.current = life;
      // A rollback is not itself on probation: judging it could only flap back to the variant that failed.
      slot.rollbackTo = !probation || settings.probation().isZero() ? null
          : new VariantSpec(old.id(), old.file(), old.sha256(), target.goldenInput(), oldGolden, target.tolerance());
      slot.probationStartNanos = clock.monotonicTime();
      slot.onProbation = slot.rollbackTo == null ? null : target;
      onProbation = slot.onProbation != null;
    }
    if (!onProbation) commit(p.name(), target);
    oldLife.moveTo(SwapState.DRAINING);
    drains.watch(old, oldLife, (drainNanos, note) ->
        completed(slot, old.id(), target, note, start, flipNanos, drainNanos, done));
  }

  private void completed(SwapSlot slot, String from, VariantSpec target, String note, long start, long flipNanos,
      long drainNanos, CompletableFuture<SwapOutcome> done) {
    SwapOutcome o = new SwapOutcome(slot.pipeline.name(), from, target.id(), SwapState.ACTIVE, note,
        clock.monotonicTime() - start, flipNanos, drainNanos);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("from", from);
    d.put("to", target.id());
    d.put("sha256", target.sha256());
    d.put("flipMicros", flipNanos / 1000);
    d.put("drainMicros", drainNanos / 1000);
    d.put("totalMillis", o.totalNanos() / 1_000_000);
    if (note != null) {
      d.put("note", note);
    }
    publish(slot.pipeline.name(), "swap.completed", "swap " + from + " -> " + target.id() + " done", d);
    finish(slot, o, done);
  }

  private SwapOutcome fail(SwapSlot slot, String from, VariantSpec target, String reason, long start) {
    String why = reason == null ? "unknown failure" : reason;
    log.warn("pipeline {}: swap {} -> {} failed, {} keeps serving: {}", slot.pipeline.name(), from, target.id(),
        from, why);
    publish(slot.pipeline.name(), "swap.failed", why, Map.of("from", from, "to", target.id(), "reason", why));
    return new SwapOutcome(slot.pipeline.name(), from, target.id(), SwapState.FAILED, why,
        clock.monotonicTime() - start, 0, 0);
  }

  private static void finish(SwapSlot slot, SwapOutcome o, CompletableFuture<SwapOutcome> done) {
    synchronized (slot) {
      slot.busy = false;
    }
    done.complete(o);
  }

  /**
   * Judges variants on probation whose probation period has ended: rolls back those whose deadline-miss
   * rate exceeds the threshold. Call periodically (e.g. the agent's 1 s ticker); never throws.
   *
   * @return the rollbacks started, by pipeline (empty when none)
   */
  public Map<String, CompletableFuture<SwapOutcome>> tick() {
    Map<String, CompletableFuture<SwapOutcome>> rollbacks = new LinkedHashMap<>();
    try {
      long now = clock.monotonicTime();
      for (SwapSlot slot : slots.values()) {
        VariantSpec back;
        VariantSpec judged;
        ActiveVariant v;
        synchronized (slot) {
          if (slot.busy || slot.rollbackTo == null
              || now - slot.probationStartNanos < settings.probation().toNanos()) {
            continue;
          }
          back = slot.rollbackTo;
          judged = slot.onProbation;
          slot.rollbackTo = null;
          slot.onProbation = null;
          v = slot.pipeline.active();
        }
        long windows = v.windows();
        long misses = v.deadlineMisses();
        double rate = windows == 0 ? 0 : (double) misses / windows;
        Map<String, Object> d = Map.of("variant", v.id(), "windows", windows, "misses", misses,
            "missRate", rate, "maxMissRate", settings.maxMissRate());
        if (windows >= settings.minProbationWindows() && rate > settings.maxMissRate()) {
          publish(slot.pipeline.name(), "swap.rollback", "variant " + v.id() + " missed " + misses + " of "
              + windows + " deadlines on probation; rolling back to " + back.id(), d);
          rollbacks.put(slot.pipeline.name(), swap(slot.pipeline.name(), back, ROLLBACK));
        } else {
          publish(slot.pipeline.name(), "swap.probation.passed", "variant " + v.id() + " passed probation", d);
          if (judged != null) commit(slot.pipeline.name(), judged);
        }
      }
    } catch (Throwable t) {
      log.warn("swap probation check failed; next tick retries", t);
    }
    return rollbacks;
  }

  /** The serving variant's state in {@code pipeline} ({@code ACTIVE} unless something is broken). */
  public SwapState state(String pipeline) {
    SwapSlot slot = slots.get(pipeline);
    if (slot == null) {
      throw new IllegalArgumentException("swap: unknown pipeline " + pipeline + "; known: " + slots.keySet());
    }
    synchronized (slot) {
      return slot.current.state();
    }
  }

  /** Whether the variant serving {@code pipeline} is still on probation. */
  public boolean onProbation(String pipeline) {
    SwapSlot slot = slots.get(pipeline);
    synchronized (slot) {
      return slot.rollbackTo != null;
    }
  }

  private void commit(String pipeline, VariantSpec spec) {
    try {
      commits.committed(pipeline, spec);
    } catch (Throwable t) {
      log.warn("pipeline {}: variant {} serves but could not be recorded as last known good: {}", pipeline,
          spec.id(), t.toString());
    }
  }

  private void publish(String pipeline, String type, String message, Map<String, Object> details) {
    try {
      events.accept(new AgentEvent(agentId, type, clock.wallTime(), pipeline, message, details));
    } catch (Throwable t) {
      log.warn("swap event {} could not be published", type, t);
    }
  }

  /** Stops the threads {@link #of} started; swaps still loading are abandoned (their futures stay open). */
  @Override
  public void close() {
    owned.forEach(ExecutorService::shutdownNow);
  }
}
