package io.edgeladder.agent.transport.paho;

import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Maps {@link PahoTransportOptions} onto Paho's connection options. */
final class PahoSettings {
  private PahoSettings() {}

  static MqttConnectionOptions connectionOptions(
      PahoTransportOptions options, String statusTopic, byte[] offline) {
    MqttConnectionOptions paho = new MqttConnectionOptions();
    // Clean start and session expiry: PahoSession, applied by PahoTransport.
    // Reconnecting is ours (see Reconnector): Paho's leaks its timer thread.
    paho.setAutomaticReconnect(false);
    paho.setKeepAliveInterval((int) options.keepAlive().getSeconds());
    paho.setConnectionTimeout((int) options.connectTimeout().getSeconds());
    if (options.brokerUrl().startsWith("tcp://")) {
      // ssl:// needs an SSLSocketFactory; TLS connections keep Paho's default for now.
      paho.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
    }
    if (options.username() != null) {
      paho.setUserName(options.username());
    }
    if (options.password() != null) {
      paho.setPassword(options.password().getBytes(StandardCharsets.UTF_8));
    }
    paho.setWill(statusTopic, new MqttMessage(offline.clone(), 1, true, null));
    return paho;
  }
}
