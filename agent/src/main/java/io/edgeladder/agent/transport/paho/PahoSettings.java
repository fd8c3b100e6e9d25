package io.edgeladder.agent.transport.paho;

import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import io.edgeladder.protocol.net.TlsSettings;
import io.edgeladder.protocol.net.TlsSocketFactories;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Maps {@link PahoTransportOptions} onto Paho's connection options. {@code ssl://} and {@code mqtts://} get
 * our own TLS socket factory (CA file, optional client certificate) with hostname verification on unless
 * configured off; a TLS file that cannot be used throws {@code TlsConfigException} naming key and file.
 */
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
    if (BrokerUrls.isTls(options.brokerUrl())) {
      TlsSettings tls = options.effectiveTls();
      paho.setSocketFactory(TlsSocketFactories.create(tls, "broker.tls"));
      paho.setHttpsHostnameVerificationEnabled(tls.verifyHostname());
    } else {
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
