package io.edgeladder.agent.transport.spool;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.TransportException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay loop of a {@link SpoolingTransport}, on its own daemon thread {@code spool-replay}: while
 * connected, sends the spool's records in order through the delegate with up to {@value #WINDOW}
 * unacknowledged; a record refused at once (window full, not connected) is put back and retried after a
 * pause; a failed in-flight record (connection lost) rewinds the spool to its oldest unacknowledged
 * record. The loop never dies: errors are logged, counted and retried after a pause.
 */
final class Replayer {
  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
  static final int WINDOW = 256;
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Transport delegate;
  private final SegmentSpool spool;
  private final SpoolMetrics metrics;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean rewind = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean stopped;

  Replayer(Transport delegate, SegmentSpool spool, SpoolMetrics metrics) {
    this.delegate = delegate;
    this.spool = spool;
    this.metrics = metrics;
    this.thread = new Thread(this::run, "spool-replay");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Something changed (a record spooled, connected, an ack): look again now. */
  void wake() {
    LockSupport.unpark(thread);
  }

  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!stopped) {
      try {
        step();
      } catch (Throwable e) { // NOPMD: the loop must not die
        metrics.errors.increment();
        LOG.warn("spool replay failed; retrying", e);
        LockSupport.parkNanos(IDLE_NANOS);
      }
    }
  }

  private void step() throws IOException {
    if (rewind.getAndSet(false)) {
      spool.rewind();
    }
    spool.tick();
    if (spool.isEmpty() || !delegate.isConnected()) {
      LockSupport.parkNanos(IDLE_NANOS);
      return;
    }
    if (inFlight.get() >= WINDOW) {
      LockSupport.parkNanos(BACKOFF_NANOS);
      return;
    }
    SpoolRecord record = spool.next();
    if (record == null) {
      LockSupport.parkNanos(IDLE_NANOS); // everything sent, waiting for acks or new records
      return;
    }
    CompletableFuture<Void> sent =
        delegate.publish(record.topic, record.payload, record.payload.length, record.qos, record.retain);
    if (sent.isCompletedExceptionally() && !SpoolingTransport.refusedByBroker(sent)) {
      spool.unread(record);
      LockSupport.parkNanos(BACKOFF_NANOS);
      return;
    }
    inFlight.incrementAndGet();
    sent.whenComplete((ok, error) -> settled(record, error));
  }

  /** On the delegate's callback thread (or inline for a synchronous outcome). */
  private void settled(SpoolRecord record, Throwable error) {
    inFlight.decrementAndGet();
    Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
    try {
      if (cause == null) {
        metrics.replayed.increment(spool.acked(record));
      } else if (cause instanceof TransportException t && t.isRefusedByBroker()) {
        metrics.refused.increment();
        LOG.warn("spool: the broker refused a replayed message for '{}' ({}): dropped", record.topic,
            t.getMessage());
        metrics.replayed.increment(spool.acked(record));
      } else {
        rewind.set(true);
      }
    } catch (IOException e) {
      metrics.errors.increment();
      LOG.warn("spool: cannot record an acknowledgement: {}", e.toString());
    }
    wake();
  }
}
