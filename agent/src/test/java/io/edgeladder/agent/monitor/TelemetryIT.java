package io.edgeladder.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.broker.EmbeddedBroker;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real agent with a simulated battery, on the embedded broker: telemetry arrives on
 * {@code fleet/{agent}/telemetry} with real /proc CPU figures and the battery draining, and the gauges
 * are in the agent's registry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TelemetryIT {
  private static final Path MODEL_CARD =
      Path.of("..", "models", "vibration-cnn", "model-card.json").toAbsolutePath().normalize();

  @Test
  void agent_simulatedPower_publishesTelemetryAndGauges() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      String yaml = """
          agent: {id: tele-gw}
          broker: {url: %s}
          http: {port: -1}
          pipelines:
            - {name: pump-1, topic: sensors/pump-1/vibration, channels: [x, y, z], sampleRateHz: 10000, model: %s}
          monitor:
            periodMs: 100
            telemetryPeriodMs: 300
            power: {source: simulated, batteryWh: 0.001, initialSoc: 1.0, idleWatts: 3, wattsPerCore: 2}
          """.formatted(broker.url(), MODEL_CARD);
      AgentConfig config = ConfigLoader.parse(yaml, Path.of("."), Map.of());
      BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
      MqttClient client = new MqttClient(broker.url(), "telemetry-it", new MemoryPersistence());
      client.setCallback(new Collect(received)); // Paho 1.2.5's per-subscription listener recurses forever
      client.connect();
      client.subscribe("fleet/tele-gw/telemetry", 1);
      try (Agent agent = Agent.start(config, Clock.SYSTEM)) {
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(poll(received));
        JsonNode later = first;
        for (int i = 0; i < 5; i++) later = json.readTree(poll(received));

        assertThat(first.get("agent").asText()).isEqualTo("tele-gw");
        assertThat(later.at("/cpu/systemPercent").isNumber()).isTrue();
        assertThat(later.at("/cpu/perCorePercent").size()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(later.at("/memory/rssBytes").asLong()).isPositive();
        assertThat(later.at("/power/source").asText()).isEqualTo("simulated");
        // 3.6 J battery at >= 3 W: empty within ~1.2 s, and it only drains
        assertThat(later.at("/power/batteryPercent").asDouble())
            .isLessThan(first.at("/power/batteryPercent").asDouble());
        assertThat(later.at("/power/energyJoules").asDouble()).isGreaterThan(first.at("/power/energyJoules").asDouble());
        assertThat(agent.monitor().monitor().latest()).isNotNull();
        assertThat(agent.registry().get("edge.resource.battery.level").gauge().value()).isBetween(0.0, 100.0);
        assertThat(agent.registry().get("edge.resource.cpu.system").gauge().value()).isBetween(0.0, 100.0);
      } finally {
        client.disconnect();
        client.close();
      }
    }
  }

  private record Collect(BlockingQueue<byte[]> into) implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      into.add(message.getPayload());
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

  private static byte[] poll(BlockingQueue<byte[]> q) throws InterruptedException {
    byte[] b = q.poll(10, TimeUnit.SECONDS);
    assertThat(b).as("telemetry within 10 s").isNotNull();
    return b;
  }
}
