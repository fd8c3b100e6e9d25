package io.edgeladder.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.fleet.Telemetry;
import io.edgeladder.controller.store.Fixtures;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineKpi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveBoardTest {
  static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

  private final LiveBoard board = new LiveBoard();
  private final List<Object> pushed = new ArrayList<>();

  private final LiveBoard.Subscriber recorder = new LiveBoard.Subscriber() {
    @Override
    public void agent(LiveAgent agent) {
      pushed.add(agent);
    }

    @Override
    public void event(LiveEvent event) {
      pushed.add(event);
    }
  };

  LiveBoardTest() {
    board.subscribe(recorder);
    board.onBirth(Fixtures.birth("gw-1", "inc-1", Map.of("site", "a")), BirthOutcome.NEW);
  }

  private static Heartbeat heartbeat(String incarnation, long seq, Instant at, String variant, long results) {
    return new Heartbeat("gw-1", incarnation, seq, at, 1, 0,
        List.of(new PipelineKpi("vibration", variant, Fixtures.SHA_B, results, results, 2, 0, 0.02, 0, 9.5)));
  }

  private LiveAgent.Pipeline vibration() {
    return board.agents().get(0).pipelines().stream().filter(p -> p.name().equals("vibration")).findFirst()
        .orElseThrow();
  }

  @Test
  void birth_pipelinesFromBirth_noFiguresYet() {
    LiveAgent a = board.agents().get(0);

    assertThat(a.online()).isTrue();
    assertThat(a.labels()).containsEntry("site", "a");
    assertThat(a.pipelines()).extracting(LiveAgent.Pipeline::activeVariant).containsExactly("fp32", "int8");
    assertThat(a.pipelines().get(0).missRate()).isNull();
    assertThat(pushed).containsExactly(a);
  }

  @Test
  void heartbeats_sameIncarnation_rateIsResultsPerSecond() {
    board.onHeartbeat(heartbeat("inc-1", 0, T0, "fp32", 100));
    assertThat(vibration().resultsPerSecond()).isNull();

    board.onHeartbeat(heartbeat("inc-1", 1, T0.plusSeconds(5), "qat", 600));

    assertThat(vibration().resultsPerSecond()).isEqualTo(100.0);
    assertThat(vibration().activeVariant()).isEqualTo("qat");
    assertThat(vibration().missRate()).isEqualTo(0.02);
    assertThat(board.history("gw-1").orElseThrow().rates()).extracting(AgentHistory.Rate::resultsPerSecond)
        .containsExactly(null, 100.0);
  }

  @Test
  void heartbeat_newIncarnation_noRateAcrossTheRestart() {
    board.onHeartbeat(heartbeat("inc-1", 0, T0, "fp32", 5_000));

    board.onHeartbeat(heartbeat("inc-2", 0, T0.plusSeconds(5), "fp32", 10));

    assertThat(vibration().resultsPerSecond()).isNull();
  }

  @Test
  void history_moreThanLimit_keepsTheNewest() {
    for (int i = 0; i < LiveBoard.HISTORY + 30; i++) {
      board.onTelemetry(new Telemetry("gw-1", T0.plusSeconds(i), 10.0 + i, null, null, null));
      board.onEvent(new AgentEvent("gw-1", "swap.completed", T0.plusSeconds(i).toEpochMilli(), "vibration", "m" + i,
          Map.of()));
    }

    AgentHistory h = board.history("gw-1").orElseThrow();
    assertThat(h.power()).hasSize(LiveBoard.HISTORY);
    assertThat(h.power().get(0).cpuPercent()).isEqualTo(40.0);
    assertThat(h.events()).hasSize(LiveBoard.EVENTS);
    assertThat(h.events().get(LiveBoard.EVENTS - 1).message()).isEqualTo("m" + (LiveBoard.HISTORY + 29));
    assertThat(h.now().cpuPercent()).isEqualTo(10.0 + LiveBoard.HISTORY + 29);
  }

  @Test
  void status_offline_pushedToSubscribers_unsubscribedGetNothing() {
    board.onStatus("gw-1", AgentStatus.OFFLINE);
    board.onEvent(new AgentEvent("gw-1", "window.shed", 1, null, "shed", Map.of()));
    assertThat(pushed).hasSize(3);
    assertThat(((LiveAgent) pushed.get(1)).online()).isFalse();
    assertThat(((LiveEvent) pushed.get(2)).type()).isEqualTo("window.shed");

    board.unsubscribe(recorder);
    board.onStatus("gw-1", AgentStatus.ONLINE);

    assertThat(pushed).hasSize(3);
    assertThat(board.subscribers()).isZero();
  }

  @Test
  void history_unknownAgent_empty() {
    assertThat(board.history("gw-9")).isEmpty();
  }
}
