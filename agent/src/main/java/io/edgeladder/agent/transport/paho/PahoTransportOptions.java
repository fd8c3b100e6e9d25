package io.edgeladder.agent.transport.paho;

import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TlsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection settings of a {@link PahoTransport}.
 *
 * @param brokerUrl {@code tcp://host:port} (or {@code mqtt://}), {@code ssl://host:port} (or {@code mqtts://})
 * @param clientId the MQTT client id; unique per broker (a second connection with it evicts the first)
 * @param agentId the agent whose status topic ({@code fleet/{agent}/status}) carries online/offline
 * @param username {@code null} for anonymous access
 * @param password {@code null} without a password; never printed by {@link #toString()}
 * @param keepAlive MQTT keep-alive, 1 s to 65535 s; a dead connection is noticed after 1.5 of it
 * @param connectTimeout how long one connection attempt may take, 1 s or more
 * @param maxReconnectDelay the cap of the doubling delay between reconnect attempts, 1 s or more
 * @param tls trust, client certificate and hostname check of an {@code ssl://} or {@code mqtts://} URL;
 *     {@code null} there trusts the JDK's default CAs with hostname verification on; must be {@code null}
 *     for {@code tcp://}
 */
public record PahoTransportOptions(
    String brokerUrl,
    String clientId,
    String agentId,
    String username,
    String password,
    Duration keepAlive,
    Duration connectTimeout,
    Duration maxReconnectDelay,
    TlsSettings tls) {

  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

  public PahoTransportOptions {
    List<String> problems = new ArrayList<>();
    if (!BrokerUrls.supported(brokerUrl)) {
      problems.add("transport.brokerUrl must start with tcp://, mqtt://, ssl:// or mqtts:// but was '"
          + brokerUrl + "'");
    } else if (tls != null && !BrokerUrls.isTls(brokerUrl)) {
      problems.add("transport.tls needs an ssl:// or mqtts:// broker URL but was '" + brokerUrl + "'");
    }
    if (clientId == null || clientId.isEmpty() || clientId.length() > 65535) {
      problems.add("transport.clientId must have 1 to 65535 characters but was '" + clientId + "'");
    }
    String agentProblem = Topics.levelProblem(agentId);
    if (agentProblem != null) {
      problems.add("transport.agentId " + agentProblem);
    }
    if (password != null && username == null) {
      problems.add("transport.password needs a transport.username");
    }
    checkSeconds(problems, "transport.keepAlive", keepAlive, 65535);
    checkSeconds(problems, "transport.connectTimeout", connectTimeout, Integer.MAX_VALUE);
    checkSeconds(problems, "transport.maxReconnectDelay", maxReconnectDelay, Integer.MAX_VALUE);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Anonymous, with the default keep-alive, connect timeout and reconnect delay. */
  public static PahoTransportOptions of(String brokerUrl, String clientId, String agentId) {
    return new PahoTransportOptions(brokerUrl, clientId, agentId, null, null,
        DEFAULT_KEEP_ALIVE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RECONNECT_DELAY, null);
  }

  public PahoTransportOptions withCredentials(String newUsername, String newPassword) {
    return new PahoTransportOptions(brokerUrl, clientId, agentId, newUsername, newPassword,
        keepAlive, connectTimeout, maxReconnectDelay, tls);
  }

  public PahoTransportOptions withKeepAlive(Duration newKeepAlive) {
    return new PahoTransportOptions(brokerUrl, clientId, agentId, username, password,
        newKeepAlive, connectTimeout, maxReconnectDelay, tls);
  }

  public PahoTransportOptions withConnectTimeout(Duration newConnectTimeout) {
    return new PahoTransportOptions(brokerUrl, clientId, agentId, username, password,
        keepAlive, newConnectTimeout, maxReconnectDelay, tls);
  }

  public PahoTransportOptions withMaxReconnectDelay(Duration newMaxReconnectDelay) {
    return new PahoTransportOptions(brokerUrl, clientId, agentId, username, password,
        keepAlive, connectTimeout, newMaxReconnectDelay, tls);
  }

  /** TLS settings for an {@code ssl://} or {@code mqtts://} URL; {@code null} for the defaults. */
  public PahoTransportOptions withTls(TlsSettings newTls) {
    return new PahoTransportOptions(brokerUrl, clientId, agentId, username, password,
        keepAlive, connectTimeout, maxReconnectDelay, newTls);
  }

  /** The TLS settings in force: {@link #tls()}, or JDK trust with hostname verification on. */
  TlsSettings effectiveTls() {
    return tls != null ? tls : new TlsSettings(null, null, null, true);
  }

  @Override
  public String toString() {
    return "PahoTransportOptions[brokerUrl=" + brokerUrl + ", clientId=" + clientId
        + ", agentId=" + agentId + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", keepAlive=" + keepAlive
        + ", connectTimeout=" + connectTimeout + ", maxReconnectDelay=" + maxReconnectDelay
        + ", tls=" + tls + ']';
  }

  private static void checkSeconds(List<String> problems, String name, Duration value, long max) {
    if (value == null || value.toMillis() < 1000 || value.getSeconds() > max) {
      problems.add(name + " must be between 1 s and " + max + " s but was " + value);
    }
  }
}
