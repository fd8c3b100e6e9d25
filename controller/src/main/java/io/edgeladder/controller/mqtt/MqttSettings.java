package io.edgeladder.controller.mqtt;

import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TlsSettings;
import java.time.Duration;

/**
 * How the controller connects to the fleet broker.
 *
 * @param brokerUrl {@code tcp://host:port} (or {@code mqtt://}), {@code ssl://host:port} (or {@code mqtts://})
 * @param clientId MQTT client id, also the level of the controller's own status topic
 * @param username {@code null} for none
 * @param password {@code null} for none; never printed by {@link #toString()}
 * @param keepAlive MQTT keep-alive, 0 for none
 * @param connectTimeout how long one connect attempt may take
 * @param maxReconnectDelay reconnect attempts back off from 1 s doubling up to this
 * @param maxInFlight QoS 1 publishes awaiting acknowledgement at once, across every {@link PublishWindow}
 *     (2 are kept for single publishes); at most the broker's Receive Maximum (HiveMQ 10, Mosquitto 20)
 *     or Paho refuses the excess
 * @param tls CA file, client certificate and hostname check of a TLS URL; {@code null} for none (JDK trust
 *     with hostname verification on a TLS URL)
 */
public record MqttSettings(
    String brokerUrl,
    String clientId,
    String username,
    String password,
    Duration keepAlive,
    Duration connectTimeout,
    Duration maxReconnectDelay,
    int maxInFlight,
    TlsSettings tls) {

  /** Root of the controllers' own status topics, outside {@code fleet/} so agents' filters never see them. */
  public static final String STATUS_ROOT = "controller";

  public MqttSettings {
    if (!BrokerUrls.supported(brokerUrl)) {
      throw new IllegalArgumentException("broker.url must start with tcp://, mqtt://, ssl:// or mqtts:// but was "
          + brokerUrl);
    }
    if (tls != null && !BrokerUrls.isTls(brokerUrl)) {
      throw new IllegalArgumentException("broker.tls needs an ssl:// or mqtts:// broker.url but it was " + brokerUrl);
    }
    Topics.level("controller client", clientId);
    requirePositive("broker.connectTimeout", connectTimeout);
    requirePositive("broker.maxReconnectDelay", maxReconnectDelay);
    if (keepAlive == null || keepAlive.isNegative() || keepAlive.getSeconds() > 65_535) {
      throw new IllegalArgumentException("broker.keepAlive must be in 0..65535 s but was " + keepAlive);
    }
    if (maxInFlight < 3 || maxInFlight > 65_535) {
      throw new IllegalArgumentException("broker.maxInFlight must be in 3..65535 but was " + maxInFlight);
    }
  }

  /** Without TLS settings ({@code tcp://}, or JDK trust with hostname verification for {@code ssl://}). */
  public MqttSettings(String brokerUrl, String clientId, String username, String password, Duration keepAlive,
      Duration connectTimeout, Duration maxReconnectDelay, int maxInFlight) {
    this(brokerUrl, clientId, username, password, keepAlive, connectTimeout, maxReconnectDelay, maxInFlight, null);
  }

  /** The same connection over TLS with {@code newTls} (the URL must be {@code ssl://} or {@code mqtts://}). */
  public MqttSettings withTls(TlsSettings newTls) {
    return new MqttSettings(brokerUrl, clientId, username, password, keepAlive, connectTimeout, maxReconnectDelay,
        maxInFlight, newTls);
  }

  /** The same connection with credentials. */
  public MqttSettings withCredentials(String newUsername, String newPassword) {
    return new MqttSettings(brokerUrl, clientId, newUsername, newPassword, keepAlive, connectTimeout,
        maxReconnectDelay, maxInFlight, tls);
  }

  /** The TLS settings in force: {@link #tls()}, or JDK trust with hostname verification on. */
  public TlsSettings effectiveTls() {
    return tls != null ? tls : new TlsSettings(null, null, null, true);
  }

  /** The default {@link #maxInFlight}: fits HiveMQ's default Receive Maximum of 10. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 10;

  /** Keep-alive 30 s, connect timeout 10 s, reconnect backoff up to 30 s, 10 in flight, no credentials. */
  public static MqttSettings of(String brokerUrl, String clientId) {
    return new MqttSettings(brokerUrl, clientId, null, null, Duration.ofSeconds(30), Duration.ofSeconds(10),
        Duration.ofSeconds(30), DEFAULT_MAX_IN_FLIGHT);
  }

  /**
   * {@code controller/{clientId}/status}: retained {@code online}, {@code offline} as the will and on close.
   */
  public String statusTopic() {
    return STATUS_ROOT + '/' + clientId + "/status";
  }

  @Override
  public String toString() {
    return "MqttSettings[" + brokerUrl + ", clientId=" + clientId + ", user=" + username
        + ", password=" + (password == null ? "none" : "***") + ", tls=" + tls + "]";
  }

  private static void requirePositive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be > 0 but was " + d);
    }
  }
}
