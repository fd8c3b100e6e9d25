package io.edgeladder.agent.transport.paho;

import io.edgeladder.agent.transport.MessageHandler;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.TransportException;
import io.edgeladder.agent.transport.UndeliveredHandler;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.BrokerUrls;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
 * {@link Transport} over the Eclipse Paho MQTT v5 async client.
 *
 * <p><b>Session</b> ({@link PahoSession}): by default clean start off with a session expiry of 1 h, so
 * the broker keeps the subscriptions and queues QoS 1 messages for them (desired state, manifests)
 * while the agent is away. After every reconnect this transport still re-subscribes every remembered
 * filter (the broker may have lost the session: restarted without persistence, or expired), and sends
 * the UNSUBSCRIBEs for filters forgotten while offline. {@link PahoSession#clean()} restores the old
 * behaviour (clean start, expiry 0).
 *
 * <p><b>What Paho 1.2.5 does with in-flight QoS 1 publishes when the connection drops</b> (read in
 * {@code ClientState} / {@code ClientComms}, seen in {@code BrokerKillIT}): {@code resolveOldTokens}
 * sets the "connection lost" exception on every outstanding token and Paho notifies the action
 * listener's {@code onFailure} at once, so the future never hangs. With clean start on,
 * {@code disconnected()} also clears the state: the message is gone. With clean start off the
 * message stays in Paho's {@code outboundQoS1} (its {@code MemoryPersistence}), and the next CONNACK
 * ({@code restoreInflightMessages}) resends it, DUP set, in message-id order, before anything
 * published after the reconnect; its late PUBACK is not reported again (the token was notified
 * already). So a lost publish is both failed to the caller and resent by Paho: neither lost nor stuck,
 * but possibly duplicated. A caller that passes an {@link UndeliveredHandler} (the spool) gets the
 * message and its future completes normally; Paho's resend is then one more copy (at-least-once).
 * {@code MemoryPersistence} dies with the process: only the spool survives an agent restart. Two traps:
 * Paho keeps the message with its topic replaced by the old connection's topic alias, so its resend is
 * a protocol error (DISCONNECT 0x82 after every reconnect, for ever): a failed publish gets its topic
 * back ({@link PahoListeners#restoreTopic}). And its connection timeout does not cover the CONNACK: a
 * reconnect attempt that gets none within {@code connectTimeout} + 2 s is abandoned.
 *
 * <p><b>Status:</b> the will
 * message is a retained {@code {"state":"offline"}} (QoS 1) on {@code fleet/{agent}/status}; every
 * (re)connect publishes a retained {@code {"state":"online"}}, {@link #close()} an offline one.
 * <b>Socket:</b> {@code TCP_NODELAY} on {@code tcp://} connections. <b>In-flight window:</b> Paho v5
 * takes it from the broker's Receive Maximum (HiveMQ's default is 10; our embedded broker raises it
 * to 1000); a publish beyond it fails at once with reason {@code inflight_full}.
 *
 * <p><b>Threads:</b> handlers and future completions run on Paho's callback thread: keep them short.
 * All methods may be called from any thread.
 */
public final class PahoTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(PahoTransport.class);
  private static final byte[] ONLINE = "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OFFLINE = "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8);
  private static final long CLOSE_STEP_MS = 2_000;
  private static final long MIN_RECONNECT_DELAY_MS = 1_000;
  private static final long CONNACK_SLACK_MS = 2_000;

  private final PahoTransportOptions options;
  private final String statusTopic;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions connectionOptions;
  private final TransportMetrics metrics;
  private final SubscriptionRouter router;
  private final PahoListeners listeners;
  private final AtomicReference<CompletableFuture<Void>> connecting = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean everConnected = new AtomicBoolean();
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Reconnector reconnector;
  private final PublishRejections rejections;
  private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
  /** Filters forgotten while offline: the persistent session still has them. */
  private final Set<String> staleFilters = ConcurrentHashMap.newKeySet();

  private PahoTransport(PahoTransportOptions options, PahoSession session, MeterRegistry registry,
      ScheduledExecutorService scheduler, boolean ownsScheduler) {
    this.options = options;
    this.scheduler = scheduler;
    this.ownsScheduler = ownsScheduler;
    this.statusTopic = Topics.status(options.agentId());
    this.metrics = new TransportMetrics(registry, options.clientId());
    RateLimitedLog handlerLog =
        new RateLimitedLog(LOG, registry.config().clock(), 10, TimeUnit.SECONDS);
    this.router = new SubscriptionRouter(metrics.handlerErrors, handlerLog);
    this.rejections = new PublishRejections(options, metrics);
    this.connectionOptions = PahoSettings.connectionOptions(options, statusTopic, OFFLINE);
    session.applyTo(connectionOptions);
    try {
      this.client = new MqttAsyncClient(
          BrokerUrls.forPaho(options.brokerUrl()), options.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new TransportException("cannot create an MQTT client for " + options, e);
    }
    this.listeners = new PahoListeners(this, metrics, router, LOG,
        new RateLimitedLog(LOG, registry.config().clock(), 10, TimeUnit.SECONDS));
    client.setCallback(listeners);
    this.reconnector = new Reconnector(scheduler, this::attemptReconnect,
        MIN_RECONNECT_DELAY_MS, options.maxReconnectDelay().toMillis());
  }

  /**
   * Creates a transport with its own reconnect thread (a daemon, stopped by {@link #close()});
   * nothing touches the network until {@link #connect()}.
   */
  public static PahoTransport create(PahoTransportOptions options, MeterRegistry registry) {
    return create(options, PahoSession.ofDefaults(), registry);
  }

  /** Like {@link #create(PahoTransportOptions, MeterRegistry)}, with the given session. */
  public static PahoTransport create(
      PahoTransportOptions options, PahoSession session, MeterRegistry registry) {
    ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "mqtt-reconnect-" + options.clientId());
      thread.setDaemon(true);
      return thread;
    });
    return new PahoTransport(Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(session, "session"), Objects.requireNonNull(registry, "registry"), own,
        true);
  }

  /**
   * Creates a transport whose reconnect attempts run on {@code scheduler} (owned by the caller,
   * not shut down by {@link #close()}).
   */
  public static PahoTransport create(
      PahoTransportOptions options, MeterRegistry registry, ScheduledExecutorService scheduler) {
    return new PahoTransport(Objects.requireNonNull(options, "options"), PahoSession.ofDefaults(),
        Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(scheduler, "scheduler"),
        false);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fails with "cannot connect to {url} as {client id}: {reason}". A failed first attempt is not
   * retried by itself; calling {@code connect()} again makes a new attempt.
   */
  @Override
  public CompletableFuture<Void> connect() {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new TransportException(describe() + " is closed"));
    }
    CompletableFuture<Void> attempt = new CompletableFuture<>();
    CompletableFuture<Void> current = connecting.get();
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    if (!connecting.compareAndSet(current, attempt)) {
      return connecting.get();
    }
    try {
      client.connect(connectionOptions, attempt, listeners.connectListener);
    } catch (MqttException e) {
      connectFailed(attempt, e);
    }
    return attempt;
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    TopicFilter parsed = TopicFilter.parse(filter);
    checkQos(qos);
    Objects.requireNonNull(handler, "handler");
    if (!client.isConnected()) {
      return CompletableFuture.failedFuture(new TransportException(
          "cannot subscribe to '" + filter + "' on " + options.brokerUrl() + ": not connected"));
    }
    // Route before SUBSCRIBE goes out: retained messages may arrive before the SUBACK is handled.
    router.put(parsed, qos, handler);
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)},
          done, listeners.subscribeListener(filter, handler), new MqttProperties());
    } catch (MqttException e) {
      router.remove(filter, handler);
      done.completeExceptionally(new TransportException(
          "cannot subscribe to '" + filter + "' on " + options.brokerUrl() + ": " + reason(e), e));
    }
    return done;
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String filter) {
    Objects.requireNonNull(filter, "filter");
    router.remove(filter);
    if (!client.isConnected()) {
      staleFilters.add(filter); // a persistent session still has it: unsubscribe after reconnecting
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.unsubscribe(filter, done, listeners.unsubscribeListener(filter));
    } catch (MqttException e) {
      done.completeExceptionally(new TransportException(
          "cannot unsubscribe from '" + filter + "' on " + options.brokerUrl() + ": " + reason(e), e));
    }
    return done;
  }

  @Override
  public void onConnected(Runnable listener) {
    connectedListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public CompletableFuture<Void> publish(
      String topic, byte[] payload, int length, int qos, boolean retain) {
    return publish(topic, payload, length, qos, retain, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code onLost} gets the messages whose token Paho fails with the connection (see the class
   * Javadoc: Paho may resend them too after the reconnect).
   */
  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos,
      boolean retain, UndeliveredHandler onLost) {
    Objects.requireNonNull(topic, "topic");
    if (length < 0 || length > payload.length) {
      throw new IllegalArgumentException(
          "publish length must be in 0.." + payload.length + " but was " + length);
    }
    checkQos(qos);
    if (!client.isConnected()) {
      return rejections.notConnected();
    }
    // Paho keeps a reference to the array until the message is sent (or acknowledged): copy.
    MqttMessage message = new MqttMessage(Arrays.copyOf(payload, length), qos, retain, null);
    PublishFuture done = new PublishFuture(length, topic, message, qos == 0 ? null : onLost);
    try {
      client.publish(topic, message, done, listeners.publishListener);
    } catch (MqttException e) {
      rejections.reject(done, topic, e);
    }
    return done;
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  /** Publishes the retained offline status (waiting up to 2 s), disconnects and stops Paho's threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    reconnector.stop();
    try {
      if (client.isConnected()) {
        publish(statusTopic, OFFLINE, OFFLINE.length, 1, true).get(CLOSE_STEP_MS, TimeUnit.MILLISECONDS);
        client.disconnect(CLOSE_STEP_MS).waitForCompletion(CLOSE_STEP_MS + 1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | MqttException | RuntimeException e) {
      LOG.warn("{}: clean close failed ({}); closing anyway", describe(), e.toString());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("{}: Paho close: {}", describe(), e.toString());
      }
      if (ownsScheduler) {
        scheduler.shutdownNow();
      }
      CompletableFuture<Void> attempt = connecting.get();
      if (attempt != null) {
        attempt.completeExceptionally(new TransportException(describe() + " closed while connecting"));
      }
    }
  }

  /** Called by Paho (callback thread) after every successful (re)connect. */
  void onConnected() {
    reconnector.connected();
    if (everConnected.getAndSet(true)) {
      LOG.info("{}: reconnected", describe());
      resubscribeAll();
      unsubscribeStale();
    }
    CompletableFuture<Void> attempt = connecting.get();
    publish(statusTopic, ONLINE, ONLINE.length, 1, true).whenComplete((ignored, failure) -> {
      if (failure == null) {
        notifyConnected(); // first: a listener added once connect() completed must not see this connection
        attempt.complete(null);
      } else {
        attempt.completeExceptionally(new TransportException(
            describe() + " connected but could not publish its online status", failure));
      }
    });
  }

  private void notifyConnected() {
    for (Runnable listener : connectedListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: a connection listener failed", describe(), e);
      }
    }
  }

  /** Gives every publish Paho keeps for resending its topic back (see {@link PahoListeners#restoreTopic}). */
  void restorePendingTopics() {
    for (IMqttToken token : client.getPendingTokens()) {
      if (token.getUserContext() instanceof PublishFuture publish) {
        PahoListeners.restoreTopic(token, publish.topic);
      }
    }
  }

  /** Called by Paho (callback thread) when an established connection dropped. */
  void onConnectionLost() {
    if (!closed.get()) {
      reconnector.connectionLost();
    }
  }

  /** Called by Paho (callback thread) when a reconnect attempt failed. */
  void onReconnectFailed(Throwable error) {
    if (!closed.get()) {
      LOG.debug("{}: reconnect failed: {}; next attempt in {} ms",
          describe(), reason(error), reconnector.nextDelayMs());
      reconnector.attemptFailed();
    }
  }

  private void attemptReconnect() {
    if (closed.get() || client.isConnected()) {
      return;
    }
    IMqttToken attempt;
    try {
      attempt = client.connect(connectionOptions, null, listeners.reconnectListener);
    } catch (MqttException e) {
      throw new TransportException(describe() + ": reconnect failed: " + reason(e), e);
    }
    // Paho's connection timeout covers the TCP connect only: a CONNECT lost on a dead link (a
    // partition) waits for its CONNACK until the broker closes the socket, seen at 95 s (PartitionIT).
    scheduler.schedule(() -> abandonIfStuck(attempt),
        options.connectTimeout().toMillis() + CONNACK_SLACK_MS, TimeUnit.MILLISECONDS);
  }

  private void abandonIfStuck(IMqttToken attempt) {
    if (closed.get() || attempt.isComplete() || client.isConnected()) {
      return;
    }
    LOG.warn("{}: no CONNACK within {} s; abandoning this attempt", describe(),
        options.connectTimeout().toSeconds());
    try {
      client.disconnectForcibly(0, 0, false);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("{}: abandoning a connect attempt: {}", describe(), e.toString());
    }
    if (!attempt.isComplete()) {
      reconnector.attemptFailed(); // else Paho reported the failure itself (onReconnectFailed)
    }
  }

  void connectFailed(CompletableFuture<Void> attempt, Throwable error) {
    attempt.completeExceptionally(new TransportException(
        "cannot connect to " + options.brokerUrl() + " as " + options.clientId() + ": " + reason(error),
        error));
  }

  boolean isClosed() {
    return closed.get();
  }

  String describe() {
    return "transport " + options.clientId() + '@' + options.brokerUrl();
  }

  private void resubscribeAll() {
    List<SubscriptionRouter.Subscription> remembered = router.subscriptions();
    if (remembered.isEmpty()) {
      return;
    }
    MqttSubscription[] subscriptions = new MqttSubscription[remembered.size()];
    for (int i = 0; i < subscriptions.length; i++) {
      SubscriptionRouter.Subscription s = remembered.get(i);
      subscriptions[i] = new MqttSubscription(s.filter().filter(), s.qos());
    }
    try {
      client.subscribe(subscriptions, remembered, listeners.resubscribeListener, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("{}: cannot re-subscribe {} filters after reconnect: {}",
          describe(), subscriptions.length, reason(e));
    }
  }

  private void unsubscribeStale() {
    for (String filter : staleFilters) {
      if (router.has(filter)) { // subscribed again since: keep it
        staleFilters.remove(filter);
        continue;
      }
      unsubscribe(filter).whenComplete((ok, error) -> {
        if (error == null) {
          staleFilters.remove(filter);
        }
      });
    }
  }

  /** The most specific message: Paho wraps e.g. "Connection refused" in "Unable to connect". */
  static String reason(Throwable error) {
    return PublishRejections.reason(error);
  }

  private static void checkQos(int qos) {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
    }
  }
}
