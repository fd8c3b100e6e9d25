package io.edgeladder.demo;

import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.Condition;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Subscribes to {@code inference/#} like any application would and scores each result against the
 * condition the simulator injected during that window. Tallies are kept per pipeline (one agent), or per agent
 * in the fleet demo, where every gateway runs a pipeline of the same name on its own machine's sensors.
 */
final class ResultTracker extends SubscriberCallback implements AutoCloseable {
  /** Per pipeline tallies; written on Paho's thread, read by the view. */
  static final class Tally {
    volatile long results;
    volatile long lastSeq = -1;
    volatile long gaps;
    volatile long scored;
    volatile long correct;
    volatile String lastTop = "-";
    volatile String lastTruth = "-";
    volatile boolean lastDeadlineMet = true;
    volatile long recentCorrect;
    volatile long recentScored;
    /** Scored and correct windows per variant that served them: {@code [scored, correct]}. */
    final Map<String, long[]> byVariant = new ConcurrentHashMap<>();
  }

  private final MqttClient client;
  private final Map<String, SensorSimulator> simulatorByKey;
  private final Map<String, String> machineByKey;
  private final boolean byAgent;
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

  /** Tallies per pipeline; {@code simulatorByMachine} is keyed by pipeline name, which is the machine's. */
  ResultTracker(String brokerUrl, Map<String, SensorSimulator> simulatorByMachine) throws MqttException {
    this(brokerUrl, simulatorByMachine, null, false);
  }

  /** Tallies per agent: the simulator and machine that feed each agent. */
  static ResultTracker byAgent(String brokerUrl, Map<String, SensorSimulator> simulatorByAgent,
      Map<String, String> machineByAgent) throws MqttException {
    return new ResultTracker(brokerUrl, simulatorByAgent, machineByAgent, true);
  }

  private ResultTracker(String brokerUrl, Map<String, SensorSimulator> simulatorByKey,
      Map<String, String> machineByKey, boolean byAgent) throws MqttException {
    this.simulatorByKey = simulatorByKey;
    this.machineByKey = machineByKey;
    this.byAgent = byAgent;
    this.client = new MqttClient(brokerUrl, "edgeladder-demo-view", new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
    o.setAutomaticReconnect(true);
    client.connect(o);
    client.subscribe("inference/#", 0);
  }

  /** The tally of a pipeline, or of an agent when tallying by agent. */
  Tally tally(String key) {
    return tallies.computeIfAbsent(key, k -> new Tally());
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    InferenceResult r;
    try {
      r = InferenceResult.parse(message.getPayload());
    } catch (Exception e) {
      return; // not a result: the view only counts what it can read
    }
    String key = byAgent ? r.agent() : r.pipeline();
    Tally t = tally(key);
    if (t.lastSeq >= 0 && r.seq() != t.lastSeq + 1) {
      t.gaps += Math.max(0, r.seq() - t.lastSeq - 1);
    }
    t.lastSeq = r.seq();
    t.results++;
    t.lastTop = r.top();
    t.lastDeadlineMet = r.deadlineMet();
    SensorSimulator sim = simulatorByKey.get(key);
    if (sim != null) {
      String machine = byAgent ? machineByKey.get(key) : key;
      Condition atStart = sim.conditionAt(machine, r.windowStart());
      Condition atEnd = sim.conditionAt(machine, r.windowEnd());
      t.lastTruth = atEnd.label();
      if (atStart == atEnd) {
        boolean ok = atEnd.label().equals(r.top());
        long[] v = t.byVariant.computeIfAbsent(r.variant() == null ? "-" : r.variant(), k -> new long[2]);
        v[0]++;
        if (ok) v[1]++;
        t.scored++;
        t.recentScored++;
        if (ok) {
          t.correct++;
          t.recentCorrect++;
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      client.disconnect();
      client.close();
    } catch (MqttException e) {
      // closing the view: nothing left to do
    }
  }
}
