package io.edgeladder.bench.soak;

import io.edgeladder.bench.BenchClient;
import io.edgeladder.protocol.AgentEvent;
import java.io.IOException;

/**
 * The agent's swap events ({@code fleet/{agent}/events}) counted per interval and over the run, without
 * keeping them: {@code swap.completed} (with its total and atomic-flip times), {@code swap.failed},
 * {@code swap.rollback}; unreadable events are counted.
 *
 * <p>Threads: {@link #onMessage} on Paho's callback thread, {@link #closeInterval} on the monitor thread;
 * both hold {@code this}.
 */
final class SwapEvents implements BenchClient.Listener {
  private Tally interval = new Tally();
  private final Tally run = new Tally();
  private final LogHistogram runSwapNanos = new LogHistogram();
  private final LogHistogram runFlipNanos = new LogHistogram();
  private long unreadable;

  @Override
  public void onMessage(String topic, byte[] payload, long nanos) {
    AgentEvent e;
    try {
      e = AgentEvent.parse(payload);
    } catch (IOException | RuntimeException bad) {
      synchronized (this) {
        unreadable++;
      }
      return;
    }
    accept(e);
  }

  synchronized void accept(AgentEvent e) {
    switch (e.type()) {
      case "swap.completed" -> {
        interval.completed++;
        run.completed++;
        double totalMs = number(e, "totalMillis");
        double flipUs = number(e, "flipMicros");
        if (!Double.isNaN(totalMs)) {
          runSwapNanos.record((long) (totalMs * 1e6));
          interval.maxSwapMs = Math.max(interval.maxSwapMs, totalMs);
        }
        if (!Double.isNaN(flipUs)) {
          runFlipNanos.record((long) (flipUs * 1e3));
        }
      }
      case "swap.failed" -> {
        interval.failed++;
        run.failed++;
      }
      case "swap.rollback" -> {
        interval.rolledBack++;
        run.rolledBack++;
      }
      default -> { } // decisions, shed reports: not this bench's business
    }
  }

  private static double number(AgentEvent e, String key) {
    return e.details().get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** This interval's counts; the next interval starts. */
  synchronized Counts closeInterval() {
    Counts c = interval.counts();
    interval = new Tally();
    return c;
  }

  synchronized Counts run() {
    return run.counts();
  }

  /** Request → completion as the agent times it ({@code totalMillis}), whole run. */
  synchronized LogHistogram.Pcts swapTimes() {
    return runSwapNanos.summary();
  }

  /** The atomic flip ({@code flipMicros}), whole run. */
  synchronized LogHistogram.Pcts flipTimes() {
    return runFlipNanos.summary();
  }

  synchronized long unreadable() {
    return unreadable;
  }

  /**
   * Swap outcomes.
   *
   * @param completed {@code swap.completed} events
   * @param failed {@code swap.failed}
   * @param rolledBack {@code swap.rollback}
   * @param maxSwapMs the slowest completed swap's {@code totalMillis} (0 when none)
   */
  record Counts(long completed, long failed, long rolledBack, double maxSwapMs) {}

  private static final class Tally {
    long completed;
    long failed;
    long rolledBack;
    double maxSwapMs;

    Counts counts() {
      return new Counts(completed, failed, rolledBack, maxSwapMs);
    }
  }
}
