package io.edgeladder.agent.transport.spool;

import io.edgeladder.agent.transport.MessageHandler;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.TransportException;
import io.edgeladder.agent.transport.UndeliveredHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward around another {@link Transport}: publishes of QoS {@code minQos} or above that
 * cannot be delivered go to a {@link SegmentSpool} on disk and are replayed in order once connected.
 *
 * <p><b>Into the spool:</b> a publish refused at once (not connected, in-flight window full), and one
 * the connection lost before its PUBACK (handed over by the delegate's {@link UndeliveredHandler}).
 * While the spool holds anything, new publishes of the spooled classes go behind it (per-topic order).
 * <b>Out of the spool:</b> a replay thread sends up to {@value Replayer#WINDOW} records at a time; a
 * record leaves only when its PUBACK arrives. A lost connection rewinds to the oldest unacknowledged
 * record, so a message is delivered at least once: duplicates are possible (records in flight at the
 * loss, which Paho may also resend itself), losses are not, except records dropped when the spool is
 * full ({@code edge.spool.dropped}) or refused by the broker with a reason code ({@code edge.spool.refused}).
 * The spool survives a restart: records left on disk are replayed after the first connect.
 *
 * <p><b>Futures:</b> complete normally when the broker acknowledged the message or the spool took it;
 * exceptionally only when neither happened (spool I/O error, a record larger than half the bound).
 *
 * <p><b>Fast path:</b> while the spool is empty, a publish is the delegate's publish plus a volatile
 * read: no allocation and no lock of its own. QoS 0 publishes below {@code minQos} always go straight
 * through (fire-and-forget).
 *
 * <p><b>Threads:</b> any thread may publish; the replay thread {@code spool-replay} is the only reader
 * of the spool; acknowledgements arrive on the delegate's callback thread.
 */
public final class SpoolingTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolingTransport.class);
  private static final CompletableFuture<Void> TAKEN = CompletableFuture.completedFuture(null);

  private final Transport delegate;
  private final SegmentSpool spool;
  private final SpoolMetrics metrics;
  private final int minQos;
  private final Replayer replayer;
  private final UndeliveredHandler onLost = this::takeLost;

  private SpoolingTransport(Transport delegate, SegmentSpool spool, SpoolMetrics metrics, int minQos) {
    this.delegate = delegate;
    this.spool = spool;
    this.metrics = metrics;
    this.minQos = minQos;
    this.replayer = new Replayer(delegate, spool, metrics);
  }

  /**
   * Opens (or creates) the spool in {@code options.dir()} and wraps {@code delegate}; replaying starts
   * after the delegate's first connect.
   *
   * @throws IOException if the spool folder cannot be used or is locked by another agent
   */
  public static SpoolingTransport open(Transport delegate, SpoolOptions options, MeterRegistry registry)
      throws IOException {
    return open(delegate, options, registry, System::currentTimeMillis);
  }

  /** Like {@link #open(Transport, SpoolOptions, MeterRegistry)}, with the clock of the fsync interval. */
  public static SpoolingTransport open(Transport delegate, SpoolOptions options, MeterRegistry registry,
      LongSupplier nowMillis) throws IOException {
    Objects.requireNonNull(delegate, "delegate");
    SpoolMetrics metrics = new SpoolMetrics(registry);
    SegmentSpool spool = SegmentSpool.open(options, nowMillis, metrics);
    Gauge.builder("edge.spool.bytes", spool, SegmentSpool::bytesOnDisk)
        .description("spool segment bytes on disk").baseUnit("bytes").register(registry);
    Gauge.builder("edge.spool.records", spool, SegmentSpool::pendingRecords)
        .description("spooled records not yet acknowledged").register(registry);
    SpoolingTransport transport = new SpoolingTransport(delegate, spool, metrics, options.minQos());
    delegate.onConnected(transport.replayer::wake);
    transport.replayer.start();
    return transport;
  }

  @Override
  public CompletableFuture<Void> connect() {
    return delegate.connect();
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    return delegate.subscribe(filter, qos, handler);
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String filter) {
    return delegate.unsubscribe(filter);
  }

  @Override
  public void onConnected(Runnable listener) {
    delegate.onConnected(listener);
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos, boolean retain) {
    if (qos < minQos) {
      return delegate.publish(topic, payload, length, qos, retain);
    }
    if (spool.isEmpty()) {
      CompletableFuture<Void> sent = delegate.publish(topic, payload, length, qos, retain, onLost);
      if (!sent.isCompletedExceptionally() || refusedByBroker(sent)) {
        return sent;
      }
      // Refused at once (not connected, window full): keep it.
    }
    return store(topic, payload, length, qos, retain);
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos, boolean retain,
      UndeliveredHandler ignored) {
    return publish(topic, payload, length, qos, retain); // the spool is the handler
  }

  @Override
  public boolean isConnected() {
    return delegate.isConnected();
  }

  /** Records waiting in the spool (not yet acknowledged). */
  public long spooledRecords() {
    return spool.pendingRecords();
  }

  /** Stops replaying, closes the delegate (in-flight losses still reach the spool), then the spool. */
  @Override
  public void close() {
    replayer.stop();
    try {
      delegate.close();
    } finally {
      try {
        spool.close();
      } catch (IOException e) {
        metrics.errors.increment();
        LOG.warn("spool: close failed: {}", e.toString());
      }
    }
  }

  private CompletableFuture<Void> store(String topic, byte[] payload, int length, int qos, boolean retain) {
    try {
      if (spool.append(topic, payload, length, qos, retain)) {
        replayer.wake();
        return TAKEN;
      }
      return CompletableFuture.failedFuture(new TransportException(
          "cannot spool a " + length + "-byte message for '" + topic + "': larger than half of spool.maxBytes"));
    } catch (IOException e) {
      metrics.errors.increment();
      return CompletableFuture.failedFuture(new TransportException(
          "cannot spool a message for '" + topic + "': " + e.getMessage(), e));
    }
  }

  /** The delegate lost an accepted publish with the connection (callback thread). */
  private boolean takeLost(String topic, byte[] payload, int qos, boolean retain) {
    try {
      boolean taken = spool.append(topic, payload, payload.length, qos, retain);
      replayer.wake();
      return taken;
    } catch (IOException e) {
      metrics.errors.increment();
      LOG.warn("spool: cannot keep a message lost with the connection for '{}': {}", topic, e.toString());
      return false;
    }
  }

  /** Whether a completed future failed because the broker refused the message (a reason code). */
  static boolean refusedByBroker(CompletableFuture<Void> future) {
    if (!future.isCompletedExceptionally()) return false;
    try {
      future.getNow(null);
      return false;
    } catch (CompletionException e) {
      return e.getCause() instanceof TransportException t && t.isRefusedByBroker();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
