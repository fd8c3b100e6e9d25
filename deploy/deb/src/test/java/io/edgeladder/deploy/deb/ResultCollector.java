package io.edgeladder.deploy.deb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Payloads published on {@code inference/{agent}/+}, kept in arrival order. Routed through the client's global
 * callback: Paho 1.2.5's {@code MqttClient.subscribe(topic, qos, listener)} recurses into itself.
 */
final class ResultCollector implements MqttCallback, AutoCloseable {
  private final MqttClient client;
  private final List<byte[]> payloads = new CopyOnWriteArrayList<>();

  private ResultCollector(MqttClient client) {
    this.client = client;
  }

  static ResultCollector subscribe(String brokerUrl, String agent) throws MqttException {
    MqttClient client = new MqttClient(brokerUrl, "deb-it-" + System.nanoTime(), new MemoryPersistence());
    ResultCollector collector = new ResultCollector(client);
    client.setCallback(collector);
    client.connect();
    client.subscribe(new MqttSubscription[] {new MqttSubscription("inference/" + agent + "/+", 1)});
    return collector;
  }

  List<byte[]> payloads() {
    return List.copyOf(payloads);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    payloads.add(message.getPayload());
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) client.disconnectForcibly(1000);
    client.close();
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {}

  @Override
  public void mqttErrorOccurred(MqttException exception) {}

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
