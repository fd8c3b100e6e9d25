package io.edgeladder.deploy.bridge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain Paho v5 client that records what it receives as "topic payload", for checking brokers from outside. */
final class MqttClient implements AutoCloseable {
  private static final long WAIT_MS = 10_000;
  private final MqttAsyncClient client;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  private MqttClient(String url, String clientId, String user, String password, SSLSocketFactory tls)
      throws MqttException {
    client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override public void disconnected(MqttDisconnectResponse response) {}
      @Override public void mqttErrorOccurred(MqttException exception) {}
      @Override public void messageArrived(String topic, MqttMessage message) {
        received.add(topic + ' ' + new String(message.getPayload(), StandardCharsets.UTF_8));
      }
      @Override public void deliveryComplete(IMqttToken token) {}
      @Override public void connectComplete(boolean reconnect, String serverUri) {}
      @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    if (tls != null) options.setSocketFactory(tls);
    client.connect(options).waitForCompletion(WAIT_MS);
  }

  /** Anonymous, plain TCP (the gateway's local listener). */
  static MqttClient plain(String url, String clientId) throws MqttException {
    return new MqttClient(url, clientId, null, null, null);
  }

  /** TLS with a username and password (the fleet broker's listener 8883). */
  static MqttClient tls(String url, String user, String password, SSLSocketFactory tls) throws MqttException {
    return new MqttClient(url, user + "-probe", user, password, tls);
  }

  void subscribe(String filter) throws MqttException {
    client.subscribe(filter, 1).waitForCompletion(WAIT_MS);
  }

  /** QoS 1; returns once the broker acknowledged it (a refusal by the ACL still acknowledges, with code 135). */
  void publish(String topic, String payload, boolean retained) throws MqttException {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, null);
    client.publish(topic, m).waitForCompletion(WAIT_MS);
  }

  /**
   * Everything received up to and including {@code expected} ("topic payload"), in arrival order.
   *
   * @throws AssertionError when it does not arrive within {@code seconds}, with what did arrive
   */
  List<String> awaitMessage(String expected, long seconds) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      String m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) throw new AssertionError("'" + expected + "' did not arrive in " + seconds + " s; got " + seen);
      seen.add(m);
      if (m.equals(expected)) return seen;
    }
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) client.disconnect().waitForCompletion(WAIT_MS);
    client.close(true);
  }
}
