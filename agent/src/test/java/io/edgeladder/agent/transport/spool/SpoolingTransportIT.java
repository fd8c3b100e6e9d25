package io.edgeladder.agent.transport.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.agent.transport.paho.PahoSession;
import io.edgeladder.agent.transport.paho.PahoTransport;
import io.edgeladder.agent.transport.paho.PahoTransportOptions;
import io.edgeladder.broker.MosquittoProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool over the real Paho transport and a real, persistent Mosquitto: a 1 000 msg/s producer keeps
 * publishing through a kill -9 and restart of the broker, and a transport closed with records on disk
 * replays them after it is opened again. Checked by sequence numbers at a persistent-session subscriber:
 * none lost, first arrivals in order.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SpoolingTransportIT {
  private static final String TOPIC = "inference/sp-gw/p";
  private static final int RATE = 1000;

  @TempDir Path dir;
  private MosquittoProcess mosquitto;
  private Subscriber subscriber;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    assumeTrue(MosquittoProcess.available(), "mosquitto not found: apt-get install -y mosquitto");
    mosquitto = MosquittoProcess.startPersistent(List.of());
    subscriber = Subscriber.start(mosquitto.url());
    Thread.sleep(2_500); // the subscriber's session reaches the broker's disk
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    if (subscriber != null) subscriber.close();
    if (mosquitto != null) mosquitto.close();
  }

  private SpoolingTransport open(SimpleMeterRegistry registry) throws Exception {
    PahoTransportOptions options = PahoTransportOptions.of(mosquitto.url(), "sp-gw", "sp-gw")
        .withKeepAlive(Duration.ofSeconds(2));
    SpoolingTransport t = SpoolingTransport.open(
        PahoTransport.create(options, PahoSession.ofDefaults(), registry), SpoolOptions.of(dir), registry);
    toClose.add(t);
    return t;
  }

  @Test
  void publish_throughBrokerKill_everyMessageArrivesFirstCopiesInOrder() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SpoolingTransport transport = open(registry);
    transport.connect().get(10, TimeUnit.SECONDS);
    int total = 10 * RATE;
    Thread faults = new Thread(() -> {
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
      mosquitto.kill();
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(4));
      mosquitto.restart();
    });
    faults.start();
    long start = System.nanoTime();
    int failed = 0;
    for (int seq = 0; seq < total; seq++) {
      LockSupport.parkNanos(start + seq * (1_000_000_000L / RATE) - System.nanoTime());
      byte[] payload = Integer.toString(seq).getBytes(UTF_8);
      if (transport.publish(TOPIC, payload, payload.length, 1, false).isCompletedExceptionally()) failed++;
    }
    faults.join();
    await(() -> transport.spooledRecords() == 0, "spool drained");
    await(() -> subscriber.distinct() >= total, "all " + total + " at the subscriber");
    double spooled = registry.get("edge.spool.spooled").counter().count();
    double replayed = registry.get("edge.spool.replayed").counter().count();
    System.out.printf("SpoolingTransportIT kill: %d published at %d/s, broker down 4 s; spooled %.0f, replayed %.0f;"
        + " received %d distinct, %d duplicates, %d failed futures%n", total, RATE, spooled, replayed,
        subscriber.distinct(), subscriber.duplicates(), failed);
    assertThat(failed).isZero();
    assertThat(subscriber.distinct()).isEqualTo(total);
    assertThat(spooled).as("the outage went through the spool").isGreaterThan(2_000);
    assertThat(subscriber.firstArrivalsInOrder()).as("first copies in publish order").isTrue();
    assertThat(registry.get("edge.spool.dropped").counter().count()).isZero();
  }

  @Test
  void open_afterCloseWithRecordsOnDisk_replaysThemInOrder() throws Exception {
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    SpoolingTransport transport = open(first);
    transport.connect().get(10, TimeUnit.SECONDS);
    mosquitto.kill();
    await(() -> !transport.isConnected(), "the transport to notice the kill");
    int total = 2_000;
    for (int seq = 0; seq < total; seq++) {
      byte[] payload = Integer.toString(seq).getBytes(UTF_8);
      assertThat(transport.publish(TOPIC, payload, payload.length, 1, false)).isCompleted();
    }
    assertThat(transport.spooledRecords()).isEqualTo(total);
    transport.close(); // the agent stops (or dies) with the broker away
    toClose.remove(transport);

    mosquitto.restart();
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    SpoolingTransport again = open(second);
    assertThat(again.spooledRecords()).as("records found on disk").isEqualTo(total);
    again.connect().get(10, TimeUnit.SECONDS);
    await(() -> again.spooledRecords() == 0, "replay after restart");
    await(() -> subscriber.distinct() >= total, "all at the subscriber");
    System.out.printf("SpoolingTransportIT restart: %d spooled before close, replayed %.0f after reopen;"
        + " received %d distinct, %d duplicates%n", total, second.get("edge.spool.replayed").counter().count(),
        subscriber.distinct(), subscriber.duplicates());
    assertThat(subscriber.distinct()).isEqualTo(total);
    assertThat(subscriber.firstArrivalsInOrder()).isTrue();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  /** A persistent-session QoS 1 subscriber that reconnects by itself and keeps every payload in order. */
  private static final class Subscriber implements MqttCallback, AutoCloseable {
    private final MqttAsyncClient client;
    private final List<Integer> arrivals = new CopyOnWriteArrayList<>();
    private final Thread reconnector;
    private volatile boolean closed;

    private Subscriber(MqttAsyncClient client) {
      this.client = client;
      this.reconnector = new Thread(this::keepConnected, "sp-subscriber");
      reconnector.setDaemon(true);
    }

    static Subscriber start(String url) throws MqttException {
      Subscriber s = new Subscriber(new MqttAsyncClient(url, "sp-sub", new MemoryPersistence()));
      s.client.setCallback(s);
      s.connect();
      s.reconnector.start();
      return s;
    }

    private void connect() throws MqttException {
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(false);
      o.setSessionExpiryInterval(3600L);
      o.setConnectionTimeout(2);
      client.connect(o).waitForCompletion(10_000);
      client.subscribe(TOPIC, 1).waitForCompletion(10_000);
    }

    private void keepConnected() {
      while (!closed) {
        try {
          Thread.sleep(200);
          if (!closed && !client.isConnected()) connect();
        } catch (InterruptedException e) {
          return;
        } catch (MqttException e) {
          // Broker down: again.
        }
      }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      arrivals.add(Integer.parseInt(new String(message.getPayload(), UTF_8)));
    }

    int distinct() {
      return new HashSet<>(arrivals).size();
    }

    int duplicates() {
      return arrivals.size() - distinct();
    }

    boolean firstArrivalsInOrder() {
      Set<Integer> seen = new HashSet<>();
      int last = -1;
      for (int seq : arrivals) {
        if (seen.add(seq)) {
          if (seq < last) {
            System.out.println("out of order: " + seq + " after " + last);
            return false;
          }
          last = seq;
        }
      }
      return true;
    }

    @Override public void disconnected(MqttDisconnectResponse response) {}
    @Override public void mqttErrorOccurred(MqttException exception) {}
    @Override public void deliveryComplete(IMqttToken token) {}
    @Override public void connectComplete(boolean reconnect, String serverUri) {}
    @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}

    @Override
    public void close() {
      closed = true;
      reconnector.interrupt();
      try {
        if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
        client.close(true);
      } catch (MqttException e) {
        // Test teardown.
      }
    }
  }
}
