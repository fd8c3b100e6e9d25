package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SensorSimulatorIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Mosquitto broker;
  private MqttAsyncClient subscriber;
  private final Map<String, ConcurrentLinkedQueue<byte[]>> received = new ConcurrentHashMap<>();

  @BeforeEach
  void startBroker() throws Exception {
    broker = Mosquitto.start(dir);
    subscriber = new MqttAsyncClient(broker.uri(), "it-subscriber", new MemoryPersistence());
    subscriber.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.computeIfAbsent(topic, t -> new ConcurrentLinkedQueue<>()).add(message.getPayload());
      }

      @Override public void disconnected(MqttDisconnectResponse r) { }
      @Override public void mqttErrorOccurred(MqttException e) { }
      @Override public void deliveryComplete(IMqttToken token) { }
      @Override public void connectComplete(boolean reconnect, String uri) { }
      @Override public void authPacketArrived(int reason, MqttProperties properties) { }
    });
    subscriber.connect().waitForCompletion(10_000);
    subscriber.subscribe("sensors/+/vibration", 1).waitForCompletion(10_000);
  }

  @AfterEach
  void stopBroker() throws Exception {
    subscriber.disconnect().waitForCompletion(5_000);
    subscriber.close();
    broker.close();
  }

  private static SimulatorConfig.Builder config(Mosquitto broker) {
    return SimulatorConfig.builder().brokerUri(broker.uri()).clientId("it-sim")
        .machines(List.of("pump-1", "pump-2")).format(PayloadFormat.SENML).qos(1)
        .schedule(ConditionSchedule.cycle(Duration.ofMillis(200)));
  }

  @Test
  void start_senmlRealTime_everyMessageArrivesPacedAndTimestamped() throws Exception {
    SimulatorConfig config = config(broker).duration(Duration.ofMillis(1024)).build(); // 40 messages each
    long started = System.nanoTime();
    try (SensorSimulator sim = SensorSimulator.start(config)) {
      assertThat(sim.awaitDone(Duration.ofSeconds(20))).isTrue();
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      // Paced to stream time: 40 messages of 25.6 ms cannot all go out in much less than 1 s.
      assertThat(wallSeconds).isGreaterThan(0.95);
      assertThat(sim.messagesPublished()).isEqualTo(80);
      awaitReceived(80);
      for (String machine : config.machines()) {
        List<byte[]> messages = List.copyOf(received.get("sensors/" + machine + "/vibration"));
        assertThat(messages).hasSize(40);
        for (int n = 0; n < messages.size(); n++) {
          JsonNode pack = JSON.readTree(messages.get(n));
          assertThat(pack.size()).isEqualTo(3 * 256);
          assertThat(pack.get(0).get("bn").asText()).isEqualTo(machine + ":");
          double bt = pack.get(0).get("bt").asDouble();
          long expectedMillis = sim.startEpochMillis() + (long) Math.floor(n * 25.6);
          assertThat(bt * 1000).isBetween(expectedMillis - 1.0, expectedMillis + 1.0);
        }
      }
      // 200 ms per condition; machine 2 runs one condition ahead of machine 1.
      long t0 = sim.startEpochMillis();
      assertThat(sim.conditionAt("pump-1", t0 + 10)).isEqualTo(Condition.HEALTHY);
      assertThat(sim.conditionAt("pump-1", t0 + 450)).isEqualTo(Condition.MISALIGNMENT);
      assertThat(sim.conditionAt("pump-2", t0 + 450)).isEqualTo(Condition.BEARING_FAULT);
    }
  }

  @Test
  void start_rawAsFastAsPossible_allFramesArriveWithoutPacing() throws Exception {
    SimulatorConfig config = config(broker).format(PayloadFormat.RAW).qos(0)
        .rateMultiplier(Double.POSITIVE_INFINITY).duration(Duration.ofSeconds(10)).build();
    long started = System.nanoTime();
    try (SensorSimulator sim = SensorSimulator.start(config)) {
      assertThat(sim.awaitDone(Duration.ofSeconds(30))).isTrue();
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      int perMachine = (int) Math.ceil(10 * 10_000 / 256.0); // 391
      assertThat(sim.messagesPublished()).isEqualTo(2L * perMachine);
      assertThat(wallSeconds).isLessThan(8); // 10 s of stream, not paced
      awaitReceived(2 * perMachine);
      assertThat(received.get("sensors/pump-1/vibration").peek()).hasSize(256 * 12);
    }
  }

  private void awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (total() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(total()).isEqualTo(count);
  }

  private int total() {
    return received.values().stream().mapToInt(ConcurrentLinkedQueue::size).sum();
  }
}
