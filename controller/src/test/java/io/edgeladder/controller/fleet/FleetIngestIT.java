package io.edgeladder.controller.fleet;

import static io.edgeladder.controller.fleet.FleetFixtures.birth;
import static io.edgeladder.controller.fleet.FleetFixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FleetIngest against the embedded broker and H2: agent-like Paho clients publish, the registry records. */
@Timeout(60)
class FleetIngestIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static EmbeddedBroker broker;

  @TempDir
  Path tmp;

  private Store store;
  private ControllerMqtt mqtt;
  private FleetIngest ingest;
  private SimpleMeterRegistry meters;

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
    meters = new SimpleMeterRegistry();
    store = Store.open(DatabaseConfig.embedded(tmp), FleetSettings.ofDefaults(), Clock.systemUTC());
    mqtt = ControllerMqtt.create(MqttSettings.of(broker.url(), "ctl-ingest-" + CLIENTS.incrementAndGet()), meters);
    mqtt.connect().get(10, TimeUnit.SECONDS);
    ingest = new FleetIngest(mqtt, store.agents(), store.desiredStates(), meters, Clock.systemUTC(), 2, 100);
    ingest.start().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    mqtt.close();
    ingest.close();
    store.close();
  }

  private TestClient agent(String id) throws Exception {
    TestClient c = TestClient.connect(broker.url(), id, Topics.status(id));
    c.publish(Topics.status(id), "online", true);
    return c;
  }

  private Optional<AgentRecord> find(String id) {
    return store.agents().find(id);
  }

  @Test
  void birthAndHeartbeat_recordedInRegistryAndView() throws Exception {
    try (TestClient a = agent("ing-a1")) {
      a.publish(Topics.birth("ing-a1"), birth("ing-a1", "inc-1", Map.of("site", "plant-1")).toJson(), true);
      a.publish(Topics.heartbeat("ing-a1"), heartbeat("ing-a1", "inc-1", 0, 0.0).toJson(), false);
      a.publish(Topics.heartbeat("ing-a1"), heartbeat("ing-a1", "inc-1", 1, 0.25).toJson(), false);
      Await.until(() -> find("ing-a1").map(r -> r.lastSeq() == 1).orElse(false), WAIT, "heartbeat seq 1 recorded");
    }
    AgentRecord r = find("ing-a1").orElseThrow();
    assertThat(r.status()).isEqualTo(AgentStatus.ONLINE);
    assertThat(r.registration().labels()).containsEntry("site", "plant-1");
    assertThat(r.latestKpis().get("pump-1").kpis().missRate()).isEqualTo(0.25);
    AgentView v = new FleetView(store.agents(), store.desiredStates()).get("ing-a1").orElseThrow();
    assertThat(v.pipelines()).singleElement().satisfies(p -> {
      assertThat(p.activeVariant()).isEqualTo("fp32");
      assertThat(p.kpis().p99Ms()).isEqualTo(12.5);
    });
    assertThat(v.drift().inDrift()).isFalse();
  }

  @Test
  void spoofedAgentId_rejectedCountedAndNotRecorded() throws Exception {
    try (TestClient evil = agent("ing-evil")) {
      evil.publish(Topics.birth("ing-evil"), birth("ing-victim", "inc-1", Map.of()).toJson(), false);
      evil.publish(Topics.heartbeat("ing-evil"), heartbeat("ing-victim", "inc-1", 0, 0).toJson(), false);
      Await.until(() -> ingest.rejected(RejectReason.SPOOFED) == 2, WAIT, "two spoofed messages counted");
    }
    assertThat(find("ing-victim")).isEmpty();
    assertThat(find("ing-evil")).isEmpty();
    assertThat(meters.get("edgeladder.fleet.rejected").tag("reason", "spoofed").counter().count()).isEqualTo(2);
  }

  @Test
  void malformedPayloads_rejectedCounted_ingestKeepsRunning() throws Exception {
    try (TestClient a = agent("ing-bad")) {
      a.publish(Topics.birth("ing-bad"), "{not json", false);
      a.publish(Topics.heartbeat("ing-bad"), "{\"agentId\":\"ing-bad\"}", false);
      a.publish(Topics.status("ing-bad"), "sleepy", false);
      Await.until(() -> ingest.rejected(RejectReason.MALFORMED) == 3, WAIT, "three malformed messages counted");
      a.publish(Topics.birth("ing-bad"), birth("ing-bad", "inc-1", Map.of()).toJson(), true);
      Await.until(() -> find("ing-bad").isPresent(), WAIT, "a valid birth after bad ones recorded");
    }
  }

  @Test
  void will_marksAgentOffline() throws Exception {
    TestClient a = agent("ing-will");
    a.publish(Topics.birth("ing-will"), birth("ing-will", "inc-1", Map.of()).toJson(), true);
    Await.until(() -> find("ing-will").map(r -> r.status() == AgentStatus.ONLINE).orElse(false), WAIT, "online");
    a.dropWithWill();
    a.close();
    Await.until(() -> find("ing-will").map(r -> r.status() == AgentStatus.OFFLINE).orElse(false), WAIT,
        "offline after the will");
  }

  @Test
  void secondIncarnationWhileFirstAlive_flaggedAndCounted() throws Exception {
    try (TestClient first = agent("ing-dup"); TestClient second = TestClient.connect(broker.url(), "ing-dup-2", null)) {
      first.publish(Topics.birth("ing-dup"), birth("ing-dup", "inc-1", Map.of()).toJson(), true);
      Await.until(() -> find("ing-dup").isPresent(), WAIT, "first birth");
      second.publish(Topics.birth("ing-dup"), birth("ing-dup", "inc-2", Map.of()).toJson(), false);
      first.publish(Topics.heartbeat("ing-dup"), heartbeat("ing-dup", "inc-1", 0, 0).toJson(), false);
      // The registry flags the overlap on the birth or, at the latest, on the replaced incarnation's heartbeat.
      Await.until(() -> find("ing-dup").flatMap(AgentRecord::duplicate).isPresent(), WAIT, "duplicate flagged");
      Await.until(() -> ingest.rejected(RejectReason.DUPLICATE_INCARNATION) >= 1, WAIT, "duplicate counted");
    }
    assertThat(new FleetView(store.agents(), store.desiredStates()).list(LabelSelector.all()))
        .filteredOn(v -> v.agentId().equals("ing-dup")).singleElement()
        .satisfies(v -> assertThat(v.duplicate()).isTrue());
  }

  @Test
  void heartbeatBeforeBirth_unknownAgent_statusBeforeBirthNotARejection() throws Exception {
    try (TestClient a = agent("ing-nobirth")) {
      a.publish(Topics.heartbeat("ing-nobirth"), heartbeat("ing-nobirth", "inc-1", 0, 0).toJson(), false);
      Await.until(() -> ingest.rejected(RejectReason.UNKNOWN_AGENT) == 1, WAIT, "heartbeat of an unknown agent");
    }
    assertThat(find("ing-nobirth")).isEmpty();
    // "online" precedes every first birth (protocol order): recorded as ignored, not rejected
    assertThat(meters.get("edgeladder.fleet.messages").tag("kind", "status").tag("outcome", "unknown_agent")
        .counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void reportedState_storedForDrift() throws Exception {
    try (TestClient a = agent("ing-rep")) {
      a.publish(Topics.birth("ing-rep"), birth("ing-rep", "inc-1", Map.of()).toJson(), true);
      ReportedState r = new ReportedState("ing-rep", 0, Instant.parse("2026-11-24T00:01:00Z"),
          ReportedState.State.APPLIED, List.of());
      a.publish(Topics.reported("ing-rep"), r.toJson(), true);
      Await.until(() -> store.desiredStates().get("ing-rep").flatMap(s -> s.reported()).isPresent(), WAIT,
          "report stored");
    }
  }

  @Test
  void events_countedByType_spoofedRejected() throws Exception {
    try (TestClient a = agent("ing-ev")) {
      a.publish(Topics.events("ing-ev"), new AgentEvent("ing-ev", "swap.done", 1L, "pump-1", "fp32 -> qat",
          Map.of()).toJson(), false);
      a.publish(Topics.events("ing-ev"), new AgentEvent("someone-else", "swap.done", 1L, null, "x", Map.of())
          .toJson(), false);
      Await.until(() -> ingest.rejected(RejectReason.SPOOFED) == 1, WAIT, "spoofed event counted");
      Await.until(() -> meters.find("edgeladder.fleet.events").tag("type", "swap.done").counter() != null
          && meters.get("edgeladder.fleet.events").tag("type", "swap.done").counter().count() == 1, WAIT,
          "one swap.done event counted");
    }
  }
}
