package io.edgeladder.bench.fleet;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One plain Paho v5 connection of a simulated agent or reference client: clean start, no reconnect. Messages go
 * to the handler on Paho's callback thread (one per client); a throwing handler is counted, never rethrown.
 */
final class Mqtt5 implements AutoCloseable {
  static final long TIMEOUT_MS = 15_000;
  private final MqttAsyncClient client;
  private volatile BiConsumer<String, byte[]> handler = (t, p) -> { };
  private volatile Throwable failure;

  private Mqtt5(MqttAsyncClient client) {
    this.client = client;
  }

  static Mqtt5 connect(String url, String clientId, BiConsumer<String, byte[]> handler) throws MqttException {
    Mqtt5 m = new Mqtt5(new MqttAsyncClient(url, clientId, new MemoryPersistence()));
    m.handler = handler;
    m.client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        m.failure = response.getException();
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
        m.failure = exception;
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        try {
          m.handler.accept(topic, message.getPayload());
        } catch (RuntimeException e) {
          m.failure = e;
        }
      }

      @Override
      public void deliveryComplete(IMqttToken token) { }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) { }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) { }
    });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(30);
    m.client.connect(o).waitForCompletion(TIMEOUT_MS);
    return m;
  }

  /** Blocks until the SUBACK; never call it from a handler. */
  void subscribe(String filter, int qos) throws MqttException {
    client.subscribe(filter, qos).waitForCompletion(TIMEOUT_MS);
  }

  /** Does not wait: safe from a handler. */
  void subscribeAsync(String filter, int qos) throws MqttException {
    client.subscribe(filter, qos);
  }

  IMqttToken publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
    return client.publish(topic, payload, qos, retained);
  }

  /** {@code onAck} runs on Paho's thread when the broker acknowledged (or the publish failed). */
  void publish(String topic, byte[] payload, int qos, boolean retained, MqttActionListener onAck)
      throws MqttException {
    client.publish(topic, payload, qos, retained, null, onAck);
  }

  /** The first connection loss or handler failure, or null. */
  Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) client.disconnect(2_000).waitForCompletion(3_000);
      client.close();
    } catch (MqttException e) {
      // closing anyway
    }
  }
}
