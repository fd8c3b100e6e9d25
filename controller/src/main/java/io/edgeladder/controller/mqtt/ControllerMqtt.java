package io.edgeladder.controller.mqtt;

import io.edgeladder.protocol.net.BrokerUrls;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's MQTT v5 connection (Eclipse Paho), the only place Paho types appear.
 *
 * <p><b>Session:</b> clean start, no session expiry; after every reconnect the remembered subscriptions are
 * restored, so the broker replays retained births, statuses and reports. <b>Status:</b> retained
 * {@code online} on {@link MqttSettings#statusTopic()} after every connect, {@code offline} as the will and
 * on {@link #close()}. <b>Reconnect:</b> our own backoff (1 s doubling to {@code maxReconnectDelay}) on a
 * daemon thread that also runs the connect listeners. <b>Socket:</b> {@code TCP_NODELAY} on {@code tcp://}.
 *
 * <p><b>Threads:</b> every method may be called from any thread. Message handlers and future completions run
 * on Paho's callback thread and must not block (see {@link MessageHandler}); connect listeners run on the
 * reconnect thread and may block briefly.
 */
public final class ControllerMqtt implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMqtt.class);
  private static final byte[] ONLINE = "online".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);
  private static final long MIN_RECONNECT_MS = 1_000;
  private static final long CLOSE_WAIT_MS = 2_000;

  private final MqttSettings settings;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Subscriptions subscriptions = new Subscriptions();
  private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService reconnects;
  private final MqttCallbacks callbacks;
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Semaphore windowSlots; // shared by every PublishWindow
  private long nextDelayMs = MIN_RECONNECT_MS; // guarded by this

  private ControllerMqtt(MqttSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.windowSlots = new Semaphore(settings.maxInFlight() - 2);
    this.options = PahoOptions.of(settings, OFFLINE); // first: a bad TLS file throws before any thread exists
    this.reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-" + settings.clientId());
      t.setDaemon(true);
      return t;
    });
    try {
      this.client = new MqttAsyncClient(BrokerUrls.forPaho(settings.brokerUrl()), settings.clientId(),
          new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      reconnects.shutdownNow();
      throw new MqttClientException("cannot create an MQTT client for " + settings, e);
    }
    this.callbacks = new MqttCallbacks(this, subscriptions, MqttMeters.of(meters, settings.clientId()), LOG);
    client.setCallback(callbacks);
  }

  /** A client that touches the network only on {@link #connect()}. */
  public static ControllerMqtt create(MqttSettings settings, MeterRegistry meters) {
    return new ControllerMqtt(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(meters, "meters"));
  }

  /**
   * Connects, retrying with backoff until it succeeds or the client is closed.
   *
   * @return completes once connected and the online status is published; fails only when the client is
   *     closed first. The same future on every call. Callers wanting a bound apply their own timeout.
   */
  public CompletableFuture<Void> connect() {
    if (started.compareAndSet(false, true)) reconnects.execute(this::attempt);
    return firstConnect;
  }

  /**
   * Runs {@code listener} after every (re)connect, once subscriptions are restored, on the reconnect thread;
   * if already connected it also runs once now (on the same thread).
   */
  public void onConnect(Runnable listener) {
    connectListeners.add(listener);
    if (client.isConnected()) reconnects.execute(() -> runListener(listener));
  }

  /**
   * Subscribes and remembers the subscription for reconnects. The handler is routed before SUBSCRIBE goes
   * out, since retained messages may arrive before the SUBACK.
   *
   * @return completes on SUBACK; fails with {@link MqttClientException} when not connected, refused by the
   *     broker (reason code) or the client fails; the handler is then forgotten
   */
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    Subscriptions.Entry entry = new Subscriptions.Entry(filter, checkQos(qos), Objects.requireNonNull(handler));
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!client.isConnected()) {
      done.completeExceptionally(new MqttClientException("cannot subscribe to " + filter + ": " + describe()
          + " is not connected"));
      return done;
    }
    subscriptions.add(entry);
    done.whenComplete((ok, failure) -> {
      if (failure != null) subscriptions.remove(entry);
    });
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)}, done,
          callbacks.ackListener("subscribe to " + filter), new MqttProperties());
    } catch (MqttException | RuntimeException e) {
      done.completeExceptionally(new MqttClientException("cannot subscribe to " + filter + " on " + describe()
          + ": " + e.getMessage(), e));
    }
    return done;
  }

  /**
   * Publishes a copy of {@code payload}.
   *
   * @return completes when the broker acknowledged it (QoS 1/2) or it was written (QoS 0); fails with
   *     {@link MqttClientException} when not connected, when Paho refuses it (e.g. too many in flight) or
   *     when the broker answers with a failure reason code
   */
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!client.isConnected()) {
      done.completeExceptionally(new MqttClientException("cannot publish to " + topic + ": " + describe()
          + " is not connected"));
      return done;
    }
    MqttMessage message = new MqttMessage(payload.clone(), checkQos(qos), retain, null);
    try {
      client.publish(topic, message, done, callbacks.ackListener("publish to " + topic));
    } catch (MqttException | RuntimeException e) {
      callbacks.publishFailed();
      done.completeExceptionally(new MqttClientException("cannot publish to " + topic + " on " + describe()
          + ": " + e.getMessage(), e));
    }
    return done;
  }

  /** Deletes the retained message of {@code topic} (an empty retained publish, QoS 1). */
  public CompletableFuture<Void> clearRetained(String topic) {
    return publish(topic, new byte[0], 1, true);
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  public MqttSettings settings() {
    return settings;
  }

  /** Publishes {@code offline} (waiting up to 2 s), disconnects and stops the reconnect thread. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    reconnects.shutdownNow();
    try {
      if (client.isConnected()) {
        publish(settings.statusTopic(), OFFLINE, 1, true).get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        client.disconnect(CLOSE_WAIT_MS).waitForCompletion(CLOSE_WAIT_MS + 1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) { // NOPMD: closing anyway
      LOG.warn("{}: clean close failed ({}); closing anyway", describe(), e.toString());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("{}: Paho close: {}", describe(), e.toString());
      }
      firstConnect.completeExceptionally(new MqttClientException(describe() + " closed before connecting"));
    }
  }

  /** Slots every {@link PublishWindow} of this client draws from, so together they stay under maxInFlight. */
  Semaphore windowSlots() {
    return windowSlots;
  }

  String describe() {
    return "controller MQTT " + settings.clientId() + '@' + settings.brokerUrl();
  }

  /** Paho thread: connected. Restores subscriptions, publishes online, then runs listeners on our thread. */
  void connected() {
    synchronized (this) {
      nextDelayMs = MIN_RECONNECT_MS;
    }
    List<Subscriptions.Entry> all = subscriptions.all();
    if (!all.isEmpty()) {
      MqttSubscription[] subs = all.stream().map(e -> new MqttSubscription(e.filter(), e.qos()))
          .toArray(MqttSubscription[]::new);
      try {
        client.subscribe(subs, new CompletableFuture<Void>(), callbacks.ackListener("re-subscribe"),
            new MqttProperties());
      } catch (MqttException e) {
        LOG.error("{}: cannot restore {} subscriptions: {}", describe(), subs.length, e.toString());
      }
    }
    publish(settings.statusTopic(), ONLINE, 1, true).whenComplete((ok, failure) -> {
      if (failure != null) LOG.warn("{}: online status not published: {}", describe(), failure.toString());
      firstConnect.complete(null);
      if (!closed.get()) reconnects.execute(() -> connectListeners.forEach(this::runListener));
    });
  }

  /** Paho thread: the connection dropped or an attempt failed; try again later. */
  synchronized void retryLater(String why) {
    if (closed.get()) return;
    LOG.warn("{}: {}; next attempt in {} ms", describe(), why, nextDelayMs);
    try {
      reconnects.schedule(this::attempt, nextDelayMs, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) { // shut down by close()
      return;
    }
    nextDelayMs = Math.min(nextDelayMs * 2, settings.maxReconnectDelay().toMillis());
  }

  private void attempt() {
    if (closed.get() || client.isConnected()) return;
    try {
      client.connect(options, null, callbacks.connectListener);
    } catch (MqttException | RuntimeException e) {
      retryLater("connect failed: " + e.getMessage());
    }
  }

  private void runListener(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      LOG.error("{}: connect listener failed", describe(), e);
    }
  }

  private static int checkQos(int qos) {
    if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
    return qos;
  }
}
