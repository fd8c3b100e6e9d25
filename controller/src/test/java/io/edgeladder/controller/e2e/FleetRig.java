package io.edgeladder.controller.e2e;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.app.ControllerConfig;
import io.edgeladder.controller.app.ControllerConfigLoader;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.controller.distribution.PublishProgress;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The fleet under test, all real and in this JVM: an embedded broker, the {@link Controller} (H2 in the test's
 * folder or the given PostgreSQL schema, a signing key generated at first start), real agents (ORT sessions on
 * models/, each with its own state folder, labels and the controller's public key), one sensor simulator all
 * agents read, and a {@link FleetObserver}. The controller can be closed and started again on the same data
 * folder. Test thread only; {@link #close()} stops everything in reverse order.
 */
final class FleetRig implements AutoCloseable {
  static final String MODEL = "vibration-cnn";
  static final String PIPELINE = "pump-1";
  static final String SITE = "site=e2e";
  static final Path CARD = Ladders.ROOT.resolve("models/vibration-cnn/model-card.json");
  /**
   * Deadline of the test agents: fp32 and qat run in about 0.1 ms, so they meet it even on a loaded machine; the
   * slow variant needs twice this CPU time per window, so it misses.
   */
  static final int DEADLINE_MS = 20;

  final Path dir;
  final EmbeddedBroker broker;
  final FleetObserver observer;
  private final DatabaseConfig database; // null: embedded H2 in the data folder
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final List<AutoCloseable> extras = new ArrayList<>();
  private Controller controller;
  private SimpleMeterRegistry meters;

  private FleetRig(Path dir, EmbeddedBroker broker, FleetObserver observer, DatabaseConfig database) {
    this.dir = dir;
    this.broker = broker;
    this.observer = observer;
    this.database = database;
  }

  /** Broker, observer and controller; no agents yet. */
  static FleetRig start(Path dir, DatabaseConfig database) throws Exception {
    EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
    FleetRig rig = new FleetRig(dir, broker, FleetObserver.connect(broker.url()), database);
    try {
      rig.startController();
      return rig;
    } catch (Exception | AssertionError e) {
      rig.close();
      throw e;
    }
  }

  Controller controller() {
    return controller;
  }

  MeterRegistry meters() {
    return meters;
  }

  /** Starts the controller on {@code dir/controller} (after {@link #stopController()} too: same data folder). */
  Controller startController() throws Exception {
    String db = database == null ? "" : "database: {url: '%s', user: %s, password: '%s'}\n".formatted(
        database.jdbcUrl(), database.user(), database.password() == null ? "" : database.password());
    String yaml = """
        controller: {id: e2e-controller}
        broker: {url: %s, keepAliveSeconds: 10, maxReconnectDelaySeconds: 1}
        dataDir: controller
        http: {port: -1}
        fleet: {offlineAfterSeconds: 60, duplicateWindowSeconds: 30}
        distribution: {chunkSize: 65536, window: 8, ackTimeoutSeconds: 30}
        """.formatted(broker.url()) + db;
    ControllerConfig config = ControllerConfigLoader.parse(yaml, dir, Map.of(), "e2e controller.yaml");
    meters = new SimpleMeterRegistry();
    controller = Controller.start(config, meters, Clock.systemUTC(), Duration.ofSeconds(20));
    return controller;
  }

  void stopController() {
    controller.close();
    controller = null;
  }

  Path publicKey() {
    return dir.resolve("controller/keys/controller.pub");
  }

  /** Starts agent {@code id} (state in {@code dir/agents/id}) with labels {@code site=e2e} and {@code extraLabels}. */
  Agent startAgent(String id, String... extraLabels) {
    return start(id, id, extraLabels);
  }

  /** A second process claiming agent {@code id} (a cloned gateway): own folder, MQTT client id {@code folder}. */
  Agent startClone(String id, String folder) {
    return start(id, folder);
  }

  private Agent start(String id, String folder, String... extraLabels) {
    StringBuilder labels = new StringBuilder(SITE);
    for (String l : extraLabels) labels.append(", ").append(l);
    String yaml = """
        agent: {id: %s}
        broker: {url: %s, clientId: %s, resultQos: 0}
        http: {port: -1}
        inference: {workers: 1}
        pipelines:
          - {name: %s, topic: sensors/pump-1/vibration, channels: [x, y, z], sampleRateHz: 10000,
             model: '%s', deadlineMs: %d}
        monitor: {enabled: false}
        adaptive: {periodMs: 200, holdDownMs: 3000, probationMs: 0, stateDir: state}
        control: {publicKey: '%s', heartbeatMs: 500, chunkRetryMs: 300, applyTimeoutMs: 60000, labels: [%s]}
        """.formatted(id, broker.url(), folder, PIPELINE, CARD, DEADLINE_MS, publicKey(), labels);
    try {
      Path home = Files.createDirectories(dir.resolve("agents").resolve(folder));
      AgentConfig config = ConfigLoader.parse(yaml, home, Map.of());
      Agent agent = Agent.start(config, io.micrometer.core.instrument.Clock.SYSTEM);
      agents.put(folder, agent);
      return agent;
    } catch (Exception e) {
      throw new AssertionError("agent " + id + " did not start: " + e.getMessage(), e);
    }
  }

  Agent agent(String folder) {
    return agents.get(folder);
  }

  void stopAgent(String folder) {
    Agent a = agents.remove(folder);
    if (a != null) a.close();
  }

  /** Vibration data on {@code sensors/pump-1/vibration}, 20 windows a second, for every agent. */
  void startSensors() throws Exception {
    extras.add(SensorSimulator.start(SimulatorConfig.builder().brokerUri(broker.url()).clientId("e2e-sensors")
        .machines(List.of(PIPELINE)).format(PayloadFormat.RAW).schedule(ConditionSchedule.cycle(Duration.ofSeconds(3)))
        .seed(5).qos(0).rateMultiplier(1).duration(Duration.ofMinutes(10)).build()));
  }

  /** Builds (or reuses), signs and publishes the ladder folder; returns the release sha. */
  String publish(Path ladderFolder) throws Exception {
    return controller.publisher().publish(ladderFolder, false, PublishProgress.NONE).releaseSha();
  }

  /** The signed manifest of a published release, as the controller stored it. */
  SignedRelease signed(String releaseSha) throws Exception {
    return SignedRelease.parse(controller.store().models().release(releaseSha).orElseThrow().signedReleaseBytes());
  }

  Release release(String releaseSha) throws Exception {
    return Release.parse(signed(releaseSha).payload());
  }

  /** Desired state for every agent labelled {@code site=e2e}: the release, with bounds (null: none). */
  void desireForSite(String releaseSha, Bounds bounds) {
    controller.desired().setForSelector(LabelSelector.parse(SITE),
        List.of(new PipelineDesired(PIPELINE, MODEL, releaseSha, bounds)));
  }

  double controllerCount(String name, String... tags) {
    Counter c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  static double agentCount(Agent agent, String name, String... tags) {
    Counter c = agent.registry().find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  /** Polls every 20 ms; fails naming {@code what} with everything the agents said. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + ";"
            + observer.diagnostics());
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : extras) c.close();
    for (String id : List.copyOf(agents.keySet())) stopAgent(id);
    if (controller != null) stopController();
    observer.close();
    broker.close();
  }
}
