package io.edgeladder.controller.store;

import static io.edgeladder.controller.store.Fixtures.birth;
import static io.edgeladder.controller.store.Fixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Several threads upserting the same rows, as MQTT callback threads do. */
@ParameterizedClass
@EnumSource(TestBackend.class)
@Timeout(60)
class ConcurrentWritesTest extends StoreTestBase {
  private static final int THREADS = 4;
  private static final int AGENTS = 20;
  private static final int BEATS = 10;

  ConcurrentWritesTest(TestBackend backend) {
    super(backend);
  }

  @Test
  void registerAndHeartbeat_sameAgentsFromSeveralThreads_oneNewPerAgentAndNoLostHeartbeat()
      throws Exception {
    Map<String, List<BirthOutcome>> births = new ConcurrentHashMap<>();
    List<HeartbeatOutcome> beats = runAll(t -> {
      List<HeartbeatOutcome> out = new ArrayList<>();
      for (int a = 0; a < AGENTS; a++) {
        String id = "agent-" + a;
        BirthOutcome o = store.agents().register(birth(id, "inc-1", Map.of("writer", "t" + t)));
        births.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(o);
        for (int b = 0; b < BEATS; b++) {
          out.add(store.agents().heartbeat(heartbeat(id, "inc-1", t * BEATS + b, 0.01 * b)));
        }
      }
      return out;
    });

    assertThat(beats).hasSize(THREADS * AGENTS * BEATS).containsOnly(HeartbeatOutcome.RECORDED);
    List<AgentRecord> agents = store.agents().list(LabelSelector.all());
    assertThat(agents).hasSize(AGENTS);
    for (AgentRecord a : agents) {
      assertThat(births.get(a.agentId())).as(a.agentId())
          .containsOnlyOnce(BirthOutcome.NEW)
          .containsOnly(BirthOutcome.NEW, BirthOutcome.RECONNECTED);
      assertThat(a.lastSeq()).isEqualTo(THREADS * BEATS - 1);
      assertThat(a.latestKpis().get("vibration").seq()).isEqualTo(THREADS * BEATS - 1);
      assertThat(a.registration().labels()).hasSize(1);
      assertThat(store.agents().kpiHistory(a.agentId(), "audio", T0.minusSeconds(1)))
          .hasSize(THREADS * BEATS);
    }
  }

  @Test
  void issue_sameAgentFromSeveralThreads_consecutiveUniqueVersions() throws Exception {
    List<DesiredRecord> issued = runAll(t -> {
      List<DesiredRecord> out = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        out.add(store.desiredStates().issue("pump-1", v -> "{\"version\":" + v + "}"));
      }
      return out;
    });

    assertThat(issued).extracting(DesiredRecord::version).doesNotHaveDuplicates()
        .hasSize(THREADS * 15).allMatch(v -> v >= 1 && v <= THREADS * 15);
    assertThat(issued).allMatch(d -> d.json().equals("{\"version\":" + d.version() + "}"));
    assertThat(store.desiredStates().get("pump-1").orElseThrow().desired().orElseThrow().version())
        .isEqualTo(THREADS * 15);
  }

  private interface Work<T> {
    List<T> run(int thread) throws Exception;
  }

  private static <T> List<T> runAll(Work<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<List<T>> c = () -> {
          start.await(10, TimeUnit.SECONDS);
          return work.run(thread);
        };
        futures.add(pool.submit(c));
      }
      List<T> all = new ArrayList<>();
      for (Future<List<T>> f : futures) {
        all.addAll(f.get(50, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
