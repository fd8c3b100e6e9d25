package io.edgeladder.controller.mqtt;

import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import io.edgeladder.protocol.net.TlsSettings;
import io.edgeladder.protocol.net.TlsSocketFactories;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Maps {@link MqttSettings} onto Paho's connection options (see {@link ControllerMqtt} for the choices); a TLS
 * URL gets our PEM-based socket factory and hostname verification unless configured off.
 */
final class PahoOptions {
  private PahoOptions() {}

  static MqttConnectionOptions of(MqttSettings s, byte[] offline) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setSessionExpiryInterval(0L);
    o.setAutomaticReconnect(false); // ours: Paho 1.2.5's timer thread outlives close()
    o.setKeepAliveInterval((int) s.keepAlive().getSeconds());
    o.setConnectionTimeout((int) Math.max(1, s.connectTimeout().getSeconds()));
    if (BrokerUrls.isTls(s.brokerUrl())) {
      TlsSettings tls = s.effectiveTls();
      o.setSocketFactory(TlsSocketFactories.create(tls, "broker.tls"));
      o.setHttpsHostnameVerificationEnabled(tls.verifyHostname());
    } else {
      o.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
    }
    if (s.username() != null) o.setUserName(s.username());
    if (s.password() != null) o.setPassword(s.password().getBytes(StandardCharsets.UTF_8));
    o.setWill(s.statusTopic(), new MqttMessage(offline.clone(), 1, true, null));
    return o;
  }
}
