package io.edgeladder.bench;

import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One Paho v5 connection of the bench: clean start, no reconnect, {@code TCP_NODELAY}. Publishing never
 * waits for the token (QoS 0 is fire-and-forget); {@link Listener#onMessage} runs on Paho's callback
 * thread and must not throw (Paho would drop the connection), so failures there are counted instead.
 */
public final class BenchClient implements AutoCloseable {
  private static final long TIMEOUT_MS = 10_000;

  /** Called on Paho's callback thread for every message; {@code nanos} is taken first thing on arrival. */
  @FunctionalInterface
  public interface Listener {
    void onMessage(String topic, byte[] payload, long nanos) throws Exception;
  }

  private final MqttAsyncClient client;
  private volatile Listener listener;
  private volatile long callbackErrors;
  private volatile Throwable lostCause;

  private BenchClient(MqttAsyncClient client, Listener listener) {
    this.client = client;
    this.listener = listener;
  }

  /** Connects; {@code listener} may be null (messages dropped) until {@link #setListener}. */
  public static BenchClient connect(String url, String clientId, Listener listener) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    BenchClient bench = new BenchClient(c, listener);
    c.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        bench.lostCause = response.getException();
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
        bench.lostCause = exception;
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        long nanos = System.nanoTime();
        Listener l = bench.listener;
        if (l == null) {
          return;
        }
        try {
          l.onMessage(topic, message.getPayload(), nanos);
        } catch (Exception | Error e) {
          bench.callbackErrors++; // single writer: Paho's one callback thread
        }
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(30);
    options.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
    c.connect(options).waitForCompletion(TIMEOUT_MS);
    return bench;
  }

  /** Replaces the listener (for clients whose listener needs the client itself, like an echo). */
  void setListener(Listener listener) {
    this.listener = listener;
  }

  public void subscribe(String topic, int qos) throws MqttException {
    client.subscribe(topic, qos).waitForCompletion(TIMEOUT_MS);
  }

  /** Publishes without waiting for completion. */
  public void publish(String topic, byte[] payload, int qos) throws MqttException {
    client.publish(topic, payload, qos, false);
  }

  public long callbackErrors() {
    return callbackErrors;
  }

  /** Why the connection dropped, or null while it is up. */
  public Throwable lostCause() {
    return client.isConnected() ? null : lostCause;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException e) {
      // closing after a run: a failed DISCONNECT changes no figure
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // as above
    }
  }
}
