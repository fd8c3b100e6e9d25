package io.edgeladder.agent.transport.paho;

import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * The MQTT v5 session a {@link PahoTransport} asks for.
 *
 * @param expiry how long the broker keeps the session (subscriptions, queued QoS 1/2 messages, the
 *     in-flight state) after the connection drops; {@link Duration#ZERO} asks for a clean session on
 *     every connect, anything longer for clean start off (a persistent session), at most
 *     {@value #MAX_EXPIRY_SECONDS} s
 */
public record PahoSession(Duration expiry) {
  /** MQTT v5's largest finite Session Expiry Interval (0xFFFFFFFE; 0xFFFFFFFF means never). */
  public static final long MAX_EXPIRY_SECONDS = 0xFFFFFFFEL;
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

  public PahoSession {
    if (expiry == null || expiry.isNegative() || expiry.getSeconds() > MAX_EXPIRY_SECONDS) {
      throw new IllegalArgumentException(
          "broker.sessionExpirySeconds must be between 0 and " + MAX_EXPIRY_SECONDS + " but was " + expiry);
    }
  }

  /** Clean start off, expiry 1 h. */
  public static PahoSession ofDefaults() {
    return new PahoSession(DEFAULT_EXPIRY);
  }

  /** Clean start on every connect and nothing kept by the broker in between. */
  public static PahoSession clean() {
    return new PahoSession(Duration.ZERO);
  }

  public boolean persistent() {
    return !expiry.isZero();
  }

  void applyTo(MqttConnectionOptions paho) {
    paho.setCleanStart(!persistent());
    paho.setSessionExpiryInterval(expiry.getSeconds());
  }
}
