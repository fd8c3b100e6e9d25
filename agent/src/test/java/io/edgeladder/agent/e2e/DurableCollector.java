package io.edgeladder.agent.e2e;

import io.edgeladder.protocol.InferenceResult;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A results subscriber that survives broker faults: a persistent session (clean start off, expiry 1 h)
 * at QoS 1, so the broker queues results for it while it is away, and its own reconnect loop (every
 * 200 ms; Paho's automatic reconnect leaks a timer thread). Counts every result by pipeline and
 * sequence number, so losses (a seq never seen) and duplicates (a seq seen twice) can be told apart.
 */
final class DurableCollector implements MqttCallback, AutoCloseable {
  private static final long WAIT_MILLIS = 10_000;

  private final MqttAsyncClient client;
  private final String filter;
  private final Map<String, Map<Long, AtomicInteger>> seen = new ConcurrentHashMap<>();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong unparsable = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final Thread reconnector;
  private volatile boolean closed;

  private DurableCollector(MqttAsyncClient client, String filter) {
    this.client = client;
    this.filter = filter;
    this.reconnector = new Thread(this::keepConnected, "durable-collector-reconnect");
    reconnector.setDaemon(true);
  }

  /** Connects, subscribes to {@code inference/{agent}/#} at QoS 1 and returns once granted. */
  static DurableCollector start(String brokerUrl, String agentId) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "durable-" + agentId, new MemoryPersistence());
    DurableCollector c = new DurableCollector(client, "inference/" + agentId + "/#");
    client.setCallback(c);
    c.connectAndSubscribe();
    c.reconnector.start();
    return c;
  }

  private void connectAndSubscribe() throws MqttException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setKeepAliveInterval(5);
    options.setConnectionTimeout(2);
    client.connect(options).waitForCompletion(WAIT_MILLIS);
    // Again after every reconnect: harmless with the session present, needed if the broker lost it.
    client.subscribe(filter, 1).waitForCompletion(WAIT_MILLIS);
  }

  private void keepConnected() {
    while (!closed) {
      try {
        Thread.sleep(200);
        if (!closed && !client.isConnected()) {
          connectAndSubscribe();
          reconnects.incrementAndGet();
        }
      } catch (InterruptedException e) {
        return;
      } catch (MqttException e) {
        // Broker still down: try again.
      }
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    messages.incrementAndGet();
    try {
      InferenceResult r = InferenceResult.parse(message.getPayload());
      seen.computeIfAbsent(r.pipeline(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(r.seq(), k -> new AtomicInteger()).incrementAndGet();
    } catch (IOException | RuntimeException e) {
      unparsable.incrementAndGet();
    }
  }

  /** Distinct sequence numbers received for {@code pipeline}. */
  long distinct(String pipeline) {
    return seen.getOrDefault(pipeline, Map.of()).size();
  }

  /** Results received more than once, over all pipelines (each extra copy counts). */
  long duplicates() {
    long n = 0;
    for (Map<Long, AtomicInteger> bySeq : seen.values()) {
      for (AtomicInteger count : bySeq.values()) {
        n += count.get() - 1;
      }
    }
    return n;
  }

  /** The sequence numbers of {@code pipeline} received, in no particular order. */
  java.util.Set<Long> seqs(String pipeline) {
    return seen.getOrDefault(pipeline, Map.of()).keySet();
  }

  long messages() {
    return messages.get();
  }

  long unparsable() {
    return unparsable.get();
  }

  long reconnects() {
    return reconnects.get();
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

  @Override
  public void close() {
    closed = true;
    reconnector.interrupt();
    try {
      if (client.isConnected()) {
        client.disconnect(WAIT_MILLIS).waitForCompletion(WAIT_MILLIS);
      }
      client.close(true);
    } catch (MqttException e) {
      // Closing a test subscriber: nothing to recover.
    }
  }
}
