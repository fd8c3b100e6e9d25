package io.edgeladder.controller.desired;

import io.edgeladder.controller.registry.ArtifactStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.controller.distribution.PublishProgress;
import io.edgeladder.controller.distribution.ReleasePublisher;
import io.edgeladder.controller.fleet.AgentView;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.fleet.FleetIngest;
import io.edgeladder.controller.fleet.FleetView;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.models.PushTarget;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.PipelineInfo;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Desired state over the embedded broker and H2, with agent-like Paho clients and the committed ladder. */
@Timeout(90)
class DesiredStateIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static EmbeddedBroker broker;

  @TempDir
  Path tmp;

  private final List<TestClient> agents = new ArrayList<>();
  private SimpleMeterRegistry meters;
  private Store store;
  private ControllerMqtt mqtt;
  private FleetIngest ingest;
  private DesiredStateService desired;
  private String releaseSha;
  private String prefix;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void start() throws Exception {
    prefix = "d" + CLIENTS.incrementAndGet() + "-";
    meters = new SimpleMeterRegistry();
    store = Store.open(DatabaseConfig.embedded(tmp.resolve("db")), FleetSettings.ofDefaults(), Clock.systemUTC());
    mqtt = ControllerMqtt.create(MqttSettings.of(broker.url(), prefix + "ctl"), meters);
    mqtt.connect().get(10, TimeUnit.SECONDS);
    ingest = new FleetIngest(mqtt, store.agents(), store.desiredStates(), meters, Clock.systemUTC(), 2, 100);
    desired = new DesiredStateService(mqtt, store.agents(), store.desiredStates(), store.models(),
        SelectorAssignments.open(tmp.resolve("selectors.json")), meters, Clock.systemUTC());
    ingest.addListener(desired);
    ingest.start().get(10, TimeUnit.SECONDS);
    ReleasePublisher publisher = new ReleasePublisher(mqtt, store.models(), ArtifactStore.open(tmp.resolve("a")),
        Signer.of(KeyFiles.generate()), Chunker.ofDefaults(), tmp.resolve("published"), 4, 10_000);
    releaseSha = publisher.publish(Ladders.LADDER, false, PublishProgress.NONE).releaseSha();
  }

  @AfterEach
  void stop() throws Exception {
    for (TestClient a : agents) a.close();
    mqtt.close();
    ingest.close();
    store.close();
  }

  /** An agent that announced itself (and is in the registry) and listens to its desired topic. */
  private TestClient agent(String name, Map<String, String> labels, String model) throws Exception {
    String id = prefix + name;
    TestClient c = TestClient.connect(broker.url(), id, Topics.status(id));
    agents.add(c);
    c.subscribe(Topics.desired(id), "fleet/" + id + "/fence");
    AgentBirth b = FleetFixtures.birth(id, "inc-1", labels);
    b = new AgentBirth(id, b.incarnation(), b.startedAt(), b.agentVersion(), b.java(), b.ortVersion(), b.hardware(),
        labels, List.of(new PipelineInfo(FleetFixtures.PIPELINE, model, "fp32", null)), List.of(), null);
    c.publish(Topics.birth(id), b.toJson(), true);
    Await.until(() -> store.agents().find(id).isPresent(), WAIT, id + " registered");
    return c;
  }

  private List<PipelineDesired> pinQat(String sha) {
    return List.of(new PipelineDesired(FleetFixtures.PIPELINE, FleetFixtures.MODEL, sha,
        new Bounds(List.of("fp32", "qat"), "qat", 0.5)));
  }

  private static DesiredState desiredOf(TestClient c, String id, long version) throws Exception {
    TestClient.Msg m = c.await(x -> x.topic().equals(Topics.desired(id)) && parse(x).version() == version, WAIT,
        "desired version " + version + " for " + id);
    return parse(m);
  }

  private static DesiredState parse(TestClient.Msg m) {
    try {
      return DesiredState.parse(m.payload());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** After this, everything published to the agent before has been delivered to it. */
  private void fence(TestClient c, String name) throws Exception {
    String topic = "fleet/" + prefix + name + "/fence";
    c.publish(topic, "fence", false);
    c.await(topic, WAIT);
  }

  @Test
  void selector_reachesMatchingAgentsOnly_thenAgentsThatJoinLater() throws Exception {
    TestClient a1 = agent("a1", Map.of("site", "north"), FleetFixtures.MODEL);
    TestClient a2 = agent("a2", Map.of("site", "north", "tier", "canary"), FleetFixtures.MODEL);
    TestClient b1 = agent("b1", Map.of("site", "south"), FleetFixtures.MODEL);

    DesiredOutcome out = desired.setForSelector(LabelSelector.parse("site=north"), pinQat(releaseSha));

    assertThat(out.rejected()).isEmpty();
    assertThat(out.issued()).extracting(DesiredOutcome.Issued::agentId).containsExactly(prefix + "a1", prefix + "a2");
    assertThat(out.issued()).allSatisfy(i -> assertThat(i.version()).isEqualTo(1));
    assertThat(out.issued()).allSatisfy(i -> assertThat(i.published()).isTrue());
    for (TestClient c : List.of(a1, a2)) {
      String id = c == a1 ? prefix + "a1" : prefix + "a2";
      DesiredState d = desiredOf(c, id, 1);
      assertThat(d.pipelines()).isEqualTo(pinQat(releaseSha));
    }
    fence(b1, "b1");
    assertThat(b1.received(Topics.desired(prefix + "b1"))).isEmpty();

    TestClient a3 = agent("a3", Map.of("site", "north"), FleetFixtures.MODEL);
    assertThat(desiredOf(a3, prefix + "a3", 1).pipelines()).isEqualTo(pinQat(releaseSha));
    Await.until(() -> store.models().pushes(releaseSha).stream().anyMatch(p -> p.target().equals(
        PushTarget.agent(prefix + "a3"))), WAIT, "push to the late agent recorded");
    assertThat(store.models().pushes(releaseSha)).extracting(p -> p.target())
        .startsWith(PushTarget.selector("site=north"));

    DesiredOutcome again = desired.setForSelector(LabelSelector.parse("site=north"),
        List.of(new PipelineDesired(FleetFixtures.PIPELINE, FleetFixtures.MODEL, releaseSha, Bounds.NONE)));
    assertThat(again.issued()).extracting(DesiredOutcome.Issued::version).containsOnly(2L);
    assertThat(desiredOf(a1, prefix + "a1", 2).pipelines().get(0).bounds()).isEqualTo(Bounds.NONE);
  }

  @Test
  void invalidDesiredStates_rejectedWithReasonAndCounted_nothingPublished() throws Exception {
    TestClient a = agent("a", Map.of("site", "x"), FleetFixtures.MODEL);
    TestClient other = agent("other", Map.of("site", "x"), "other-model");
    String id = prefix + "a";

    assertThatThrownBy(() -> desired.setForAgent(id, List.of(new PipelineDesired(FleetFixtures.PIPELINE,
        FleetFixtures.MODEL, releaseSha, new Bounds(List.of(), "int4", 0)))))
        .isInstanceOfSatisfying(DesiredStateRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Rejection.UNKNOWN_VARIANT))
        .hasMessageContaining("variant int4 is not an accepted rung").hasMessageContaining("[fp32, qat]");
    assertThatThrownBy(() -> desired.setForAgent(id, pinQat("0".repeat(64))))
        .hasMessageContaining("unknown_release").hasMessageContaining("not in the model registry");
    assertThatThrownBy(() -> desired.setForAgent(id, List.of(new PipelineDesired("fan-9", FleetFixtures.MODEL,
        null, Bounds.NONE)))).hasMessageContaining("unknown_pipeline: pipeline fan-9 is not on agent");
    assertThatThrownBy(() -> desired.setForAgent(prefix + "ghost", pinQat(releaseSha)))
        .hasMessageContaining("unknown_agent");

    DesiredOutcome mixed = desired.setForSelector(LabelSelector.parse("site=x"), pinQat(releaseSha));
    assertThat(mixed.issued()).extracting(DesiredOutcome.Issued::agentId).containsExactly(id);
    assertThat(mixed.rejected()).singleElement().satisfies(r -> {
      assertThat(r.agentId()).isEqualTo(prefix + "other");
      assertThat(r.reason()).isEqualTo(Rejection.MODEL_MISMATCH);
      assertThat(r.message()).contains("runs model other-model, not vibration-cnn");
    });

    assertThat(desired.rejected(Rejection.UNKNOWN_VARIANT)).isEqualTo(1);
    assertThat(desired.rejected(Rejection.UNKNOWN_RELEASE)).isEqualTo(1);
    assertThat(desired.rejected(Rejection.UNKNOWN_PIPELINE)).isEqualTo(1);
    assertThat(desired.rejected(Rejection.UNKNOWN_AGENT)).isEqualTo(1);
    assertThat(desired.rejected(Rejection.MODEL_MISMATCH)).isEqualTo(1);
    assertThat(desiredOf(a, id, 1).version()).isEqualTo(1); // only the valid one reached it
    fence(other, "other");
    assertThat(other.received(Topics.desired(prefix + "other"))).isEmpty();
  }

  @Test
  void drift_comparesReportedWithDesired() throws Exception {
    TestClient a = agent("drifty", Map.of(), FleetFixtures.MODEL);
    String id = prefix + "drifty";
    assertThat(desired.setForAgent(id, pinQat(releaseSha)).issued().get(0).version()).isEqualTo(1);
    assertThat(desired.drift(id).differences()).containsExactly("no report yet for desired version 1");

    report(a, id, 1, "fp32");
    Await.until(() -> desired.drift(id).reportedVersion() == 1, WAIT, "report stored");
    assertThat(desired.drift(id).differences()).containsExactly("pipeline pump-1: serves fp32, pinned qat");

    report(a, id, 1, "qat");
    Await.until(() -> !desired.drift(id).inDrift(), WAIT, "in sync once qat is served");
    AgentView view = new FleetView(store.agents(), store.desiredStates()).get(id).orElseThrow();
    assertThat(view.drift().desiredVersion()).isEqualTo(1);
    assertThat(view.drift().reportedState()).isEqualTo("APPLIED");
  }

  private void report(TestClient a, String id, long version, String active) throws Exception {
    ReportedState r = new ReportedState(id, version, Instant.now(), ReportedState.State.APPLIED,
        List.of(new PipelineReported(FleetFixtures.PIPELINE, releaseSha, active, List.of("fp32", "qat"), null)));
    a.publish(Topics.reported(id), r.toJson(), true);
  }
}
