package io.edgeladder.simulator.paho;

import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import io.edgeladder.simulator.Publisher;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Publisher} over a Paho MQTT v5 {@link MqttAsyncClient}: TCP_NODELAY sockets, in-memory
 * persistence, automatic reconnect. At most {@value #WINDOW} messages are outstanding (handed to Paho
 * but not yet written); the next publish waits for the oldest, which bounds memory when publishing
 * faster than the broker drains. Messages offered while disconnected are dropped and counted.
 */
public final class PahoPublisher implements Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(PahoPublisher.class);
  static final int WINDOW = 64;
  private static final long WAIT_MILLIS = 5_000;

  private final MqttAsyncClient client;
  private final int qos;
  // Ring of outstanding tokens; touched only by the publishing thread.
  private final IMqttToken[] outstanding = new IMqttToken[WINDOW];
  private long sent;
  private final AtomicLong dropped = new AtomicLong();

  private PahoPublisher(MqttAsyncClient client, int qos) {
    this.client = client;
    this.qos = qos;
  }

  /**
   * Connects and returns once the broker accepted the session.
   *
   * @throws IOException naming the broker when the connection fails within {@code timeoutSeconds}
   */
  public static PahoPublisher connect(String brokerUri, String clientId, int qos, int timeoutSeconds)
      throws IOException {
    try {
      MqttAsyncClient client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
      options.setCleanStart(true);
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 10);
      options.setConnectionTimeout(timeoutSeconds);
      client.connect(options).waitForCompletion(timeoutSeconds * 1000L);
      return new PahoPublisher(client, qos);
    } catch (MqttException e) {
      throw new IOException("simulator cannot connect to MQTT broker " + brokerUri + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean publish(String topic, byte[] payload, int length) {
    int slot = (int) (sent % WINDOW);
    IMqttToken previous = outstanding[slot];
    try {
      if (previous != null && !previous.isComplete()) {
        previous.waitForCompletion(WAIT_MILLIS);
      }
      // Paho keeps the array until written, so it gets its own copy.
      outstanding[slot] = client.publish(topic, Arrays.copyOf(payload, length), qos, false);
      sent++;
      return true;
    } catch (MqttException e) {
      outstanding[slot] = null;
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: visible without flooding the log
        LOG.warn("simulator dropped {} messages so far; last to {}: {}", n, topic, e.getMessage());
      }
      return false;
    }
  }

  /** Messages dropped because the client was disconnected or saturated. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(WAIT_MILLIS).waitForCompletion(WAIT_MILLIS);
      }
    } catch (MqttException e) {
      LOG.debug("simulator disconnect from {}: {}", client.getServerURI(), e.getMessage());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("simulator close: {}", e.getMessage());
      }
    }
  }
}
