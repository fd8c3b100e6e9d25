package io.edgeladder.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Transport} must show against a real MQTT v5 broker. A subclass names
 * the broker (started once per class) and how to build the transport under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportContractKit {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long WAIT_SECONDS = 10;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** Starts the broker the tests run against. */
  protected abstract void startBroker() throws Exception;

  protected abstract void stopBroker() throws Exception;

  /** Stops the broker (dropping all connections and, with in-memory state, all subscriptions) and starts it again on the same URL. */
  protected abstract void restartBroker() throws Exception;

  protected abstract String brokerUrl();

  /** A new, unconnected transport for {@code agentId} at {@code url}. */
  protected abstract Transport newTransport(String url, String clientId, String agentId);

  @BeforeAll
  final void startBrokerOnce() throws Exception {
    startBroker();
  }

  @AfterAll
  final void stopBrokerOnce() throws Exception {
    stopBroker();
  }

  @AfterEach
  final void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    toClose.clear();
  }

  // ---------------------------------------------------------------- the contract

  @Test
  void connect_runningBroker_completesConnected() throws Exception {
    Transport transport = connected(brokerUrl(), uniqueAgent());
    assertThat(transport.isConnected()).isTrue();
  }

  @Test
  void publish_subscribedTopic_handlerGetsCopyOfFirstLengthBytes() throws Exception {
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    Inbox inbox = new Inbox();
    await(transport.subscribe("kit/" + agent + "/in", 1, inbox));

    byte[] buffer = "hello, trailing junk".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> sent = transport.publish("kit/" + agent + "/in", buffer, 5, 1, false);
    buffer[0] = 'J'; // the transport copied before returning
    await(sent);

    assertThat(inbox.next()).isEqualTo("kit/" + agent + "/in hello");
  }

  @Test
  void subscribe_wildcardFilters_eachMessageReachesOnlyMatchingHandler() throws Exception {
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    Inbox plus = new Inbox();
    Inbox hash = new Inbox();
    String root = "kit/" + agent;
    await(transport.subscribe(root + "/a/+/temp", 0, plus));
    await(transport.subscribe(root + "/b/#", 0, hash));

    await(transport.publish(root + "/a/x/temp", bytes("1"), 1, 1, false));
    await(transport.publish(root + "/a/x/y/temp", bytes("2"), 1, 1, false)); // matches neither
    await(transport.publish(root + "/b", bytes("3"), 1, 1, false));
    await(transport.publish(root + "/b/c/d", bytes("4"), 1, 1, false));

    assertThat(plus.next()).isEqualTo(root + "/a/x/temp 1");
    assertThat(hash.next()).isEqualTo(root + "/b 3");
    assertThat(hash.next()).isEqualTo(root + "/b/c/d 4");
    assertThat(plus.nothingWithin(300)).isTrue();
    assertThat(hash.nothingWithin(0)).isTrue();
  }

  @Test
  void subscribe_twoTopics_interleavedMessagesKeepOrderPerHandler() throws Exception {
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    Inbox left = new Inbox();
    Inbox right = new Inbox();
    await(transport.subscribe("kit/" + agent + "/left", 1, left));
    await(transport.subscribe("kit/" + agent + "/right", 1, right));

    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String side = i % 2 == 0 ? "left" : "right";
      sent.add(transport.publish("kit/" + agent + '/' + side, bytes(Integer.toString(i)), 
          Integer.toString(i).length(), 1, false));
    }
    await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));

    for (int i = 0; i < 20; i += 2) {
      assertThat(left.next()).isEqualTo("kit/" + agent + "/left " + i);
      assertThat(right.next()).isEqualTo("kit/" + agent + "/right " + (i + 1));
    }
  }

  @Test
  void publish_burstOf500Qos1_noneRejectedAllDelivered() throws Exception {
    // Brokers announce a Receive Maximum that caps the client's in-flight window (HiveMQ 10 and
    // Mosquitto 20 by default); our test brokers raise it for 1000 msg/s streams.
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(500);
    await(transport.subscribe("kit/" + agent + "/burst", 1, (topic, payload) -> received.countDown()));

    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      sent.add(transport.publish("kit/" + agent + "/burst", new byte[32], 32, 1, false));
    }

    await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
    assertThat(received.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void handler_throws_laterMessagesStillDelivered() throws Exception {
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    Inbox inbox = new Inbox();
    AtomicInteger calls = new AtomicInteger();
    await(transport.subscribe("kit/" + agent + "/bad", 1, (topic, payload) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("handler bug");
    }));
    await(transport.subscribe("kit/" + agent + "/good", 1, inbox));

    for (int i = 0; i < 3; i++) {
      await(transport.publish("kit/" + agent + "/bad", bytes("x"), 1, 1, false));
    }
    await(transport.publish("kit/" + agent + "/good", bytes("ok"), 2, 1, false));

    assertThat(inbox.next()).isEqualTo("kit/" + agent + "/good ok");
    assertThat(calls.get()).isEqualTo(3);
    assertThat(transport.isConnected()).isTrue();
  }

  @Test
  void publish_connectionDropped_failsFastWithTransportException() throws Exception {
    FaultProxy proxy = proxy();
    Transport transport = connected(proxy.url(), uniqueAgent());
    proxy.close(); // drops the connection and refuses reconnects
    waitUntil(() -> !transport.isConnected(), "transport notices the dropped connection");

    long start = System.nanoTime();
    CompletableFuture<Void> sent = transport.publish("kit/x", bytes("x"), 1, 1, false);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMs).isLessThan(100);
    assertThat(sent).failsWithin(100, TimeUnit.MILLISECONDS)
        .withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(TransportException.class);
  }

  @Test
  void close_connected_observerSeesRetainedOnlineThenOffline() throws Exception {
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    Inbox status = observeStatus(agent);
    assertThat(status.next()).isEqualTo(statusTopic(agent) + " {\"state\":\"online\"}");

    transport.close();

    assertThat(status.next()).isEqualTo(statusTopic(agent) + " {\"state\":\"offline\"}");
    assertThat(observeStatus(agent).next()).isEqualTo(statusTopic(agent) + " {\"state\":\"offline\"}");
  }

  @Test
  void connectionDropped_willMarksOfflineThenReconnectMarksOnline() throws Exception {
    String agent = uniqueAgent();
    FaultProxy proxy = proxy();
    Transport transport = connected(proxy.url(), agent);
    Inbox status = observeStatus(agent);
    assertThat(status.next()).isEqualTo(statusTopic(agent) + " {\"state\":\"online\"}");

    proxy.dropConnections(); // the proxy still accepts: the transport gets back in by itself

    assertThat(status.next()).isEqualTo(statusTopic(agent) + " {\"state\":\"offline\"}");
    assertThat(status.next()).isEqualTo(statusTopic(agent) + " {\"state\":\"online\"}");
    waitUntil(transport::isConnected, "transport reconnected");
  }

  @Test
  void unsubscribe_subscribedTopic_noMoreMessagesAndNotRestoredAfterReconnect() throws Exception {
    String agent = uniqueAgent();
    FaultProxy proxy = proxy();
    Transport transport = connected(proxy.url(), agent);
    Inbox gone = new Inbox();
    Inbox kept = new Inbox();
    await(transport.subscribe("kit/" + agent + "/gone", 1, gone));
    await(transport.subscribe("kit/" + agent + "/kept", 1, kept));
    await(transport.publish("kit/" + agent + "/gone", bytes("retained"), 8, 1, true));
    assertThat(gone.next()).isEqualTo("kit/" + agent + "/gone retained");

    Inbox status = observeStatus(agent);
    assertThat(status.next()).endsWith("online\"}");

    await(transport.unsubscribe("kit/" + agent + "/gone"));
    proxy.dropConnections(); // after the reconnect only "kept" is restored (a restored "gone" would resend the retained)
    assertThat(status.next()).endsWith("offline\"}");
    assertThat(status.next()).endsWith("online\"}"); // published after the re-subscription went out
    await(transport.publish("kit/" + agent + "/kept", bytes("k"), 1, 1, false));
    await(transport.publish("kit/" + agent + "/gone", bytes("g"), 1, 1, false));

    assertThat(kept.next()).isEqualTo("kit/" + agent + "/kept k");
    assertThat(gone.nothingWithin(300)).isTrue();
    await(transport.publish("kit/" + agent + "/gone", new byte[0], 0, 1, true)); // clear the retained message
  }

  @Test
  void onConnected_reconnect_listenerCalledAfterOnlineStatus() throws Exception {
    String agent = uniqueAgent();
    FaultProxy proxy = proxy();
    Transport transport = connected(proxy.url(), agent);
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    transport.onConnected(calls::incrementAndGet);
    Inbox status = observeStatus(agent);
    assertThat(status.next()).endsWith("online\"}");

    proxy.dropConnections();

    assertThat(status.next()).endsWith("offline\"}");
    assertThat(status.next()).endsWith("online\"}");
    waitUntil(() -> calls.get() >= 1, "an onConnected call after the reconnect");
    assertThat(calls.get()).as("onConnected calls after one reconnect").isEqualTo(1);
  }

  @Test
  void brokerRestart_transportReconnectsAndResubscribes() throws Exception {
    String agent = uniqueAgent();
    Transport transport = connected(brokerUrl(), agent);
    Inbox inbox = new Inbox();
    await(transport.subscribe("kit/" + agent + "/after/+", 1, inbox));

    restartBroker();

    // The restarted broker forgot every subscription; only the transport's re-subscription brings
    // messages back. Publish from a fresh client until one arrives.
    Transport publisher = connected(brokerUrl(), uniqueAgent());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String got = null;
    while (got == null && System.nanoTime() < deadline) {
      publisher.publish("kit/" + agent + "/after/restart", bytes("back"), 4, 1, false);
      got = inbox.poll(200);
    }
    assertThat(got).isEqualTo("kit/" + agent + "/after/restart back");
    assertThat(transport.isConnected()).isTrue();
  }

  // ---------------------------------------------------------------- helpers

  /** Receives on the transport's thread, hands over to the test thread. */
  protected static final class Inbox implements MessageHandler {
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(String topic, byte[] payload) {
      queue.add(topic + ' ' + new String(payload, StandardCharsets.UTF_8));
    }

    String next() throws InterruptedException {
      String message = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(message).as("a message within %d s", WAIT_SECONDS).isNotNull();
      return message;
    }

    String poll(long millis) throws InterruptedException {
      return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    boolean nothingWithin(long millis) throws InterruptedException {
      return queue.poll(millis, TimeUnit.MILLISECONDS) == null;
    }
  }

  protected final Transport connected(String url, String agentId) throws Exception {
    Transport transport = newTransport(url, agentId, agentId);
    toClose.add(transport);
    await(transport.connect());
    return transport;
  }

  private Inbox observeStatus(String agent) throws Exception {
    Transport observer = connected(brokerUrl(), uniqueAgent());
    Inbox inbox = new Inbox();
    await(observer.subscribe(statusTopic(agent), 1, inbox));
    return inbox;
  }

  private FaultProxy proxy() throws Exception {
    FaultProxy proxy = FaultProxy.to(brokerUrl());
    toClose.add(proxy);
    return proxy;
  }

  private static String statusTopic(String agent) {
    return "fleet/" + agent + "/status";
  }

  private static String uniqueAgent() {
    return "kit-" + ProcessHandle.current().pid() + '-' + SEQUENCE.incrementAndGet();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void await(CompletableFuture<?> future) throws Exception {
    future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
