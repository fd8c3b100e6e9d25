package io.edgeladder.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A plain Paho v5 client for tests: an agent stand-in or an independent observer. Records every message it
 * receives; {@link #await} waits (with a deadline) for one matching a predicate.
 */
public final class TestClient implements AutoCloseable {
  /** One received message. */
  public record Msg(String topic, byte[] payload, boolean retained) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private static final long T = 10_000;

  private final MqttAsyncClient client;
  private final List<Msg> received = new ArrayList<>(); // guarded by itself

  private TestClient(MqttAsyncClient client) {
    this.client = client;
  }

  /** Connects; with a will topic, {@code offline} is the retained QoS 1 will there (as agents do). */
  public static TestClient connect(String url, String clientId, String willTopic) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    TestClient t = new TestClient(c);
    c.setCallback(t.callback());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    if (willTopic != null) {
      o.setWill(willTopic, new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, true, null));
    }
    c.connect(o).waitForCompletion(T);
    return t;
  }

  public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
    client.publish(topic, new MqttMessage(payload, 1, retained, null)).waitForCompletion(T);
  }

  public void publish(String topic, String payload, boolean retained) throws MqttException {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
  }

  /** Subscribes (QoS 1) and waits for the SUBACK. */
  public void subscribe(String... filters) throws MqttException {
    MqttSubscription[] subs = new MqttSubscription[filters.length];
    for (int i = 0; i < filters.length; i++) subs[i] = new MqttSubscription(filters[i], 1);
    client.subscribe(subs).waitForCompletion(T);
  }

  /** Waits until a message matching {@code p} was received. @throws AssertionError after the timeout */
  public Msg await(Predicate<Msg> p, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (true) {
        for (Msg m : received) {
          if (p.test(m)) return m;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no message " + what + " within " + timeout + "; got " + topics());
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  public Msg await(String topic, Duration timeout) throws InterruptedException {
    return await(m -> m.topic().equals(topic), timeout, "on " + topic);
  }

  /** Everything received so far. */
  public List<Msg> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  public List<Msg> received(String topic) {
    return received().stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Disconnects with reason code 0x04: the broker publishes the will, as when the process dies. */
  public void dropWithWill() throws MqttException {
    client.disconnect(1_000, null, null, 0x04, new MqttProperties()).waitForCompletion(T);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) client.disconnect().waitForCompletion(T);
    client.close(true);
  }

  private List<String> topics() {
    return received.stream().map(Msg::topic).toList();
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        synchronized (received) {
          received.add(new Msg(topic, message.getPayload(), message.isRetained()));
          received.notifyAll();
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse r) {}

      @Override
      public void mqttErrorOccurred(MqttException e) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String uri) {}

      @Override
      public void authPacketArrived(int code, MqttProperties p) {}
    };
  }
}
