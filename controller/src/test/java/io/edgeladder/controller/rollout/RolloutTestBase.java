package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.fail;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.desired.DesiredStateService;
import io.edgeladder.controller.desired.SelectorAssignments;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.store.Fixtures;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.StoreTestBase;
import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.rollout.RolloutEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.DesiredState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store with model {@value SimFleet#MODEL} and two releases ({@link #PREV}, {@link #NEXT}), a
 * {@link SimFleet}, and an engine whose target is the controller's {@link DesiredStateService}
 * publishing to an embedded broker (one per test class); {@link #desiredOnBroker} collects the
 * desired states published while the test runs. Time moves only in {@link #step()}: 5 s on the
 * manual clock, the fleet applies and heartbeats, the engine ticks.
 */
abstract class RolloutTestBase extends StoreTestBase {
  static final String PREV = Fixtures.SHA_A;
  static final String NEXT = Fixtures.SHA_B;
  static final Duration STEP = Duration.ofSeconds(5);
  static final Duration SOAK = Duration.ofSeconds(60);
  static final Gates GATES = new Gates(0.05, 0.05, 1.5, 3, Duration.ofSeconds(30));

  protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  /** Desired states published live during this test: agent id → versions in arrival order. */
  protected final Map<String, List<Long>> desiredOnBroker = new ConcurrentHashMap<>();
  private static EmbeddedBroker broker;
  protected ControllerMqtt mqtt;
  protected SimFleet fleet;
  protected RolloutEngine engine;

  protected RolloutTestBase(TestBackend backend) {
    super(backend);
  }

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void setUpRollouts() throws Exception {
    mqtt = ControllerMqtt.create(MqttSettings.of(broker.url(), "rollout-" + UUID.randomUUID()), meters);
    mqtt.connect().get(10, TimeUnit.SECONDS);
    mqtt.subscribe("fleet/+/desired", 1, (topic, payload, retained) -> {
      if (!retained && payload.length > 0) {
        try {
          DesiredState d = DesiredState.parse(payload);
          desiredOnBroker.computeIfAbsent(d.agentId(), k -> new CopyOnWriteArrayList<>()).add(d.version());
        } catch (ProtocolException e) {
          throw new IllegalStateException(e);
        }
      }
    }).get(10, TimeUnit.SECONDS);
    store.models().createModel(SimFleet.MODEL);
    store.models().putRelease(Fixtures.release(PREV, SimFleet.MODEL, T0.minusSeconds(3600), Fixtures.SHA_C));
    store.models().putRelease(Fixtures.release(NEXT, SimFleet.MODEL, T0, Fixtures.SHA_A));
    fleet = new SimFleet(() -> store);
    engine = newEngine(target());
  }

  @AfterEach
  void closeMqtt() {
    mqtt.close();
  }

  /** The target over the current store (re-created after a restart). */
  DesiredServiceTarget target() {
    return target(store);
  }

  DesiredServiceTarget target(Store s) {
    return target(s, s.desiredStates());
  }

  /** A target over {@code s} that reads agents' desired states through {@code reads}. */
  DesiredServiceTarget target(Store s, DesiredStateStore reads) {
    try {
      DesiredStateService service = new DesiredStateService(mqtt, s.agents(), s.desiredStates(), s.models(),
          SelectorAssignments.open(dir.resolve("selectors-" + UUID.randomUUID() + ".json")), meters, clock);
      return new DesiredServiceTarget(service, s.agents(), reads);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls (10 s at most) until {@link #desiredOnBroker} holds {@code agents} agents. */
  Map<String, List<Long>> awaitDesiredOnBroker(int agents) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (desiredOnBroker.size() < agents && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return desiredOnBroker;
  }

  RolloutEngine newEngine(RolloutTarget target) {
    return RolloutEngine.of(store, target, clock, meters);
  }

  /** {@code n} agents {@code a00..}, running {@link #PREV}, labelled {@code site=plant-1}. */
  void agents(int n) {
    for (int i = 0; i < n; i++) {
      fleet.add(String.format("a%02d", i), PREV, Map.of("site", "plant-1"));
    }
  }

  /** A minute of heartbeats before the rollout (the pre-rollout baseline). */
  void warmUp() {
    for (int i = 0; i < 12; i++) {
      clock.advance(STEP);
      fleet.beat();
    }
  }

  RolloutPlanBuilder plan() {
    return RolloutPlan.builder(SimFleet.MODEL, NEXT).canary(StageSize.count(1))
        .waves(StageSize.percent(50), StageSize.percent(100)).soak(SOAK)
        .applyTimeout(Duration.ofSeconds(60)).gates(GATES);
  }

  void step() {
    clock.advance(STEP);
    fleet.step();
    engine.tick();
  }

  RolloutRecord rollout(String id) {
    return store.rollouts().find(id).orElseThrow();
  }

  /** Steps until {@code done} holds for the rollout; fails after {@code maxSteps}. */
  RolloutRecord runUntil(String id, Predicate<RolloutRecord> done, int maxSteps) {
    for (int i = 0; i < maxSteps; i++) {
      step();
      RolloutRecord r = rollout(id);
      if (done.test(r)) {
        return r;
      }
    }
    return fail("rollout " + id + " still " + Transitions.phase(rollout(id)) + " after " + maxSteps
        + " steps; events " + eventTypes(id));
  }

  List<String> eventTypes(String id) {
    List<String> types = new ArrayList<>();
    for (RolloutEvent e : store.rollouts().events(id, 0)) {
      types.add(e.type());
    }
    return types;
  }

  List<RolloutEvent> events(String id, String type) {
    return store.rollouts().events(id, 0).stream().filter(e -> e.type().equals(type)).toList();
  }

  /** The agent's desired state, if any. */
  Optional<DesiredRecord> desired(String agentId) {
    return store.desiredStates().get(agentId).flatMap(s -> s.desired());
  }

  /** A counter's count, 0 if it was never registered; {@code tag == null} for an untagged one. */
  double counter(String name, String tag, String value) {
    var search = meters.find(name);
    var c = tag == null ? search.counter() : search.tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }
}
