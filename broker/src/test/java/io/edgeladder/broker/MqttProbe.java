package io.edgeladder.broker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain Paho client that queues what it receives, for checking a broker from the outside. */
final class MqttProbe implements AutoCloseable {
  final MqttAsyncClient client;
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  MqttProbe(String url, String clientId) throws MqttException {
    this(url, clientId, 0);
  }

  /** {@code sessionExpirySeconds} > 0: clean start off, a persistent session kept that long. */
  MqttProbe(String url, String clientId, long sessionExpirySeconds) throws MqttException {
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
    options.setCleanStart(sessionExpirySeconds == 0);
    options.setSessionExpiryInterval(sessionExpirySeconds);
    client.connect(options).waitForCompletion(5_000);
  }

  void subscribe(String filter, int qos) throws MqttException {
    client.subscribe(filter, qos).waitForCompletion(5_000);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close(true);
  }
}
