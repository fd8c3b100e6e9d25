package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.desired.ReportedRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * A real {@link DesiredStateStore} whose first {@link #get} of one agent reads, then holds the
 * caller until {@link #release()}: a target built on it stops between its read and its issue, so a
 * test can let another engine act in exactly that window. Thread-safe.
 */
final class HeldDesiredReads implements DesiredStateStore {
  private final DesiredStateStore real;
  private final String agentId;
  private final AtomicBoolean held = new AtomicBoolean();
  private final CountDownLatch reading = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  HeldDesiredReads(DesiredStateStore real, String agentId) {
    this.real = real;
    this.agentId = agentId;
  }

  /** Waits (30 s at most) until a caller is held after its read. */
  boolean awaitHeld() throws InterruptedException {
    return reading.await(30, TimeUnit.SECONDS);
  }

  void release() {
    release.countDown();
  }

  @Override
  public Optional<AgentState> get(String id) {
    Optional<AgentState> read = real.get(id);
    if (id.equals(agentId) && held.compareAndSet(false, true)) {
      reading.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return read;
  }

  @Override
  public DesiredRecord issue(String id, LongFunction<String> render) {
    return real.issue(id, render);
  }

  @Override
  public DesiredRecord issue(String id, long expectedVersion, LongFunction<String> render) {
    return real.issue(id, expectedVersion, render);
  }

  @Override
  public boolean report(ReportedRecord reported) {
    return real.report(reported);
  }

  @Override
  public List<AgentState> all() {
    return real.all();
  }

  @Override
  public List<AgentState> drift() {
    return real.drift();
  }
}
