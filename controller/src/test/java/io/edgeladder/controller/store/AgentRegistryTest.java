package io.edgeladder.controller.store;

import static io.edgeladder.controller.store.Fixtures.birth;
import static io.edgeladder.controller.store.Fixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestBackend.class)
class AgentRegistryTest extends StoreTestBase {
  AgentRegistryTest(TestBackend backend) {
    super(backend);
  }

  private AgentRegistry agents() {
    return store.agents();
  }

  @Test
  void register_newAgent_storedWithEveryField() {
    assertThat(agents().register(birth("pump-1", "inc-1", Map.of("site", "plant-1", "tier", "prod"))))
        .isEqualTo(BirthOutcome.NEW);

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.registration()).isEqualTo(birth("pump-1", "inc-1", Map.of("site", "plant-1", "tier", "prod")));
    assertThat(a.status()).isEqualTo(AgentStatus.ONLINE);
    assertThat(a.firstSeen()).isEqualTo(T0);
    assertThat(a.lastSeen()).isEqualTo(T0);
    assertThat(a.lastSeq()).isEqualTo(-1);
    assertThat(a.duplicate()).isEmpty();
    assertThat(agents().find("pump-2")).isEmpty();
  }

  @Test
  void register_sameIncarnationAgain_reconnectedAndReplacesLabels() {
    agents().register(birth("pump-1", "inc-1", Map.of("site", "plant-1")));
    agents().heartbeat(heartbeat("pump-1", "inc-1", 4, 0));
    clock.advance(Duration.ofSeconds(30));

    assertThat(agents().register(birth("pump-1", "inc-1", Map.of("site", "plant-2"))))
        .isEqualTo(BirthOutcome.RECONNECTED);

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.registration().labels()).containsExactly(Map.entry("site", "plant-2"));
    assertThat(a.firstSeen()).isEqualTo(T0);
    assertThat(a.lastSeen()).isEqualTo(T0.plusSeconds(30));
    assertThat(a.statusAt()).as("was online already").isEqualTo(T0);
    assertThat(a.lastSeq()).isEqualTo(4);
    assertThat(a.uptimeMs()).isEqualTo(4000);
  }

  @Test
  void register_newIncarnation_restartedAndSeqReset() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    agents().heartbeat(heartbeat("pump-1", "inc-1", 7, 0.01));
    agents().setStatus("pump-1", AgentStatus.OFFLINE);
    clock.advance(Duration.ofSeconds(3));

    assertThat(agents().register(birth("pump-1", "inc-2", Map.of()))).isEqualTo(BirthOutcome.RESTARTED);

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.registration().incarnation()).isEqualTo("inc-2");
    assertThat(a.lastSeq()).isEqualTo(-1);
    assertThat(a.uptimeMs()).isZero();
    assertThat(a.status()).isEqualTo(AgentStatus.ONLINE);
    assertThat(a.statusAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(a.duplicate()).isEmpty();
  }

  @Test
  void heartbeat_currentIncarnation_recordsLatestKpisAndHistory() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    for (int seq = 0; seq < 3; seq++) {
      clock.advance(Duration.ofSeconds(5));
      assertThat(agents().heartbeat(heartbeat("pump-1", "inc-1", seq, 0.1 * seq)))
          .isEqualTo(HeartbeatOutcome.RECORDED);
    }

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.lastSeq()).isEqualTo(2);
    assertThat(a.uptimeMs()).isEqualTo(2000);
    assertThat(a.lastSeen()).isEqualTo(T0.plusSeconds(15));
    assertThat(a.latestKpis()).containsOnlyKeys("vibration", "audio");
    KpiSample latest = a.latestKpis().get("vibration");
    assertThat(latest.seq()).isEqualTo(2);
    assertThat(latest.kpis().missRate()).isEqualTo(0.2);
    assertThat(latest.receivedAt()).isEqualTo(T0.plusSeconds(15));
    List<KpiSample> history = agents().kpiHistory("pump-1", "vibration", T0.plusSeconds(10));
    assertThat(history).extracting(KpiSample::seq).containsExactly(1L, 2L);
  }

  @Test
  void heartbeat_olderOrRepeatedSeq_keepsLatestKpis() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    agents().heartbeat(heartbeat("pump-1", "inc-1", 5, 0.5));
    clock.advance(Duration.ofSeconds(1));

    assertThat(agents().heartbeat(heartbeat("pump-1", "inc-1", 4, 0.4))).isEqualTo(HeartbeatOutcome.RECORDED);
    assertThat(agents().heartbeat(heartbeat("pump-1", "inc-1", 5, 0.9))).isEqualTo(HeartbeatOutcome.RECORDED);

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.lastSeq()).isEqualTo(5);
    assertThat(a.latestKpis().get("vibration").kpis().missRate()).isEqualTo(0.5);
    assertThat(agents().kpiHistory("pump-1", "vibration", T0)).extracting(KpiSample::seq)
        .containsExactly(5L, 4L);
  }

  @Test
  void heartbeat_historyOlderThanRetention_pruned() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    for (int seq = 0; seq < 15; seq++) {
      agents().heartbeat(heartbeat("pump-1", "inc-1", seq, 0));
      clock.advance(Duration.ofMinutes(1));
    }
    // 15 samples at T0 .. T0+14min; retention 10 min before the last one (T0+14min) keeps 4..14.
    List<KpiSample> all = agents().kpiHistory("pump-1", "vibration", T0.minusSeconds(3600));
    assertThat(all).extracting(KpiSample::seq).first().isEqualTo(4L);
    assertThat(all).hasSize(11);
  }

  @Test
  void heartbeat_unknownAgent_rejected() {
    assertThat(agents().heartbeat(heartbeat("ghost", "inc-1", 0, 0))).isEqualTo(HeartbeatOutcome.UNKNOWN_AGENT);
    assertThat(agents().find("ghost")).isEmpty();
  }

  @Test
  void heartbeat_twoIncarnationsWithinWindow_flaggedDuplicateAndKpisOfOtherDropped() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    agents().heartbeat(heartbeat("pump-1", "inc-1", 0, 0.01));
    clock.advance(Duration.ofSeconds(2));
    agents().register(birth("pump-1", "inc-2", Map.of())); // a second process claims the id
    clock.advance(Duration.ofSeconds(3));

    assertThat(agents().heartbeat(heartbeat("pump-1", "inc-1", 1, 0.99))).isEqualTo(HeartbeatOutcome.DUPLICATE);

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.registration().incarnation()).isEqualTo("inc-2");
    assertThat(a.duplicate()).hasValueSatisfying(d -> {
      assertThat(d.otherIncarnation()).isEqualTo("inc-1");
      assertThat(d.detectedAt()).isEqualTo(T0.plusSeconds(5));
    });
    assertThat(a.latestKpis().get("vibration").kpis().missRate()).isEqualTo(0.01);
    assertThat(agents().clearDuplicate("pump-1")).isTrue();
    assertThat(agents().find("pump-1").orElseThrow().duplicate()).isEmpty();
    assertThat(agents().clearDuplicate("pump-1")).isFalse();
  }

  @Test
  void register_replacedIncarnationBornAgain_duplicate() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    agents().register(birth("pump-1", "inc-2", Map.of()));

    assertThat(agents().register(birth("pump-1", "inc-1", Map.of()))).isEqualTo(BirthOutcome.DUPLICATE);
    assertThat(agents().find("pump-1").orElseThrow().duplicate()).hasValueSatisfying(
        d -> assertThat(d.otherIncarnation()).isEqualTo("inc-2"));
  }

  @Test
  void heartbeat_unknownIncarnationAfterCurrentWentQuiet_adopted() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    clock.advance(FLEET.duplicateWindow().plusSeconds(1));

    assertThat(agents().heartbeat(heartbeat("pump-1", "inc-9", 3, 0.2))).isEqualTo(HeartbeatOutcome.ADOPTED);

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.registration().incarnation()).isEqualTo("inc-9");
    assertThat(a.lastSeq()).isEqualTo(3);
    assertThat(a.duplicate()).isEmpty();
  }

  @Test
  void setStatus_offlineThenHeartbeat_backOnline() {
    agents().register(birth("pump-1", "inc-1", Map.of()));
    clock.advance(Duration.ofSeconds(1));
    assertThat(agents().setStatus("pump-1", AgentStatus.OFFLINE)).isTrue();
    assertThat(agents().setStatus("ghost", AgentStatus.OFFLINE)).isFalse();
    assertThat(agents().find("pump-1").orElseThrow().statusAt()).isEqualTo(T0.plusSeconds(1));
    clock.advance(Duration.ofSeconds(1));

    agents().heartbeat(heartbeat("pump-1", "inc-1", 0, 0));

    AgentRecord a = agents().find("pump-1").orElseThrow();
    assertThat(a.status()).isEqualTo(AgentStatus.ONLINE);
    assertThat(a.statusAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void markSilentOffline_onlyOnlineAgentsNotHeardSince() {
    agents().register(birth("a-1", "i", Map.of()));
    agents().register(birth("a-2", "i", Map.of()));
    agents().register(birth("a-3", "i", Map.of()));
    agents().setStatus("a-3", AgentStatus.OFFLINE);
    clock.advance(Duration.ofSeconds(20));
    agents().heartbeat(heartbeat("a-2", "i", 0, 0));

    assertThat(agents().markSilentOffline(T0.plusSeconds(10))).containsExactly("a-1");
    assertThat(agents().find("a-1").orElseThrow().status()).isEqualTo(AgentStatus.OFFLINE);
    assertThat(agents().find("a-2").orElseThrow().status()).isEqualTo(AgentStatus.ONLINE);
  }

  @Test
  void list_labelSelector_filtersInSql() {
    agents().register(birth("a-1", "i", Map.of("site", "plant-1", "tier", "prod")));
    agents().register(birth("a-2", "i", Map.of("site", "plant-2", "tier", "prod", "gpu", "none")));
    agents().register(birth("a-3", "i", Map.of("site", "plant-3")));

    assertThat(ids("")).containsExactly("a-1", "a-2", "a-3");
    assertThat(ids("tier=prod")).containsExactly("a-1", "a-2");
    assertThat(ids("tier=prod,site=plant-2")).containsExactly("a-2");
    assertThat(ids("tier!=prod")).containsExactly("a-3");
    assertThat(ids("site in (plant-1, plant-3)")).containsExactly("a-1", "a-3");
    assertThat(ids("site notin (plant-1,plant-3),tier")).containsExactly("a-2");
    assertThat(ids("!gpu")).containsExactly("a-1", "a-3");
    assertThat(ids("site=nowhere")).isEmpty();
    assertThat(agents().list(LabelSelector.parse("gpu")).get(0).registration().pipelines()).hasSize(2);
  }

  @Test
  void restart_dataSurvivesReopen() {
    agents().register(birth("pump-1", "inc-1", Map.of("site", "plant-1")));
    agents().heartbeat(heartbeat("pump-1", "inc-1", 0, 0.3));
    AgentRecord before = agents().find("pump-1").orElseThrow();

    restart();

    assertThat(agents().find("pump-1")).hasValue(before);
  }

  private List<String> ids(String selector) {
    return agents().list(LabelSelector.parse(selector)).stream().map(AgentRecord::agentId).toList();
  }
}
