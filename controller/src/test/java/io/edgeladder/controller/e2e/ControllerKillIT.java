package io.edgeladder.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.rollout.Gates;
import io.edgeladder.controller.rollout.RolloutPlan;
import io.edgeladder.controller.rollout.StageSize;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 2: the controller killed with SIGKILL mid-rollout (a child JVM, {@link ControllerProcess}; the
 * broker, two real agents and the sensors stay up in this JVM) and started again on the same data folder, twice:
 * right after it pushed the canary, and as soon as the wave shows (claimed {@code ASSIGNING}, or pushed). The H2
 * file it never closed must open, the rollout must go on from what was stored (no stage repeated, a claim left
 * {@code ASSIGNING} carried through, every agent's desired state issued once) and complete. The rollout's state
 * timeline, as the REST API showed it, is printed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ControllerKillIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> AGENTS = List.of("gw-1", "gw-2");

  @TempDir Path dir;
  private FleetRig rig;
  private final List<String> timeline = new ArrayList<>();
  private final long t0 = System.nanoTime();
  private String lastSeen = "";

  @AfterEach
  void tearDown() throws Exception {
    if (rig != null) rig.close();
  }

  /** FleetRig's controller.yaml (same data folder, key and client id), for the child process. */
  private String yaml() {
    return """
        controller: {id: e2e-controller}
        broker: {url: %s, keepAliveSeconds: 10, maxReconnectDelaySeconds: 1}
        dataDir: controller
        http: {port: -1}
        fleet: {offlineAfterSeconds: 60, duplicateWindowSeconds: 30}
        distribution: {chunkSize: 65536, window: 8, ackTimeoutSeconds: 30}
        """.formatted(rig.broker.url());
  }

  @Test
  void controller_kill9MidRollout_restartedOnSameDataResumesAndCompletes() throws Exception {
    rig = FleetRig.start(dir, null);
    for (String id : AGENTS) rig.startAgent(id);
    rig.startSensors();
    String current = rig.publish(E2eLadders.COMMITTED);
    rig.desireForSite(current, null);
    for (String id : AGENTS) {
      rig.await(id + " APPLIED " + current, WAIT, () -> FleetInstallIT.applied(rig, id, current));
    }
    String next = rig.publish(E2eLadders.rebuilt(dir.resolve("next"), "2026-11-24T05:00:00Z"));
    RolloutPlan plan = RolloutPlan.builder(FleetRig.MODEL, next).selector(LabelSelector.parse(FleetRig.SITE))
        .canary(StageSize.count(1)).waves(StageSize.percent(100)).soak(Duration.ofSeconds(3))
        .applyTimeout(Duration.ofSeconds(60)).gates(new Gates(0.5, 0.5, null, 2, Duration.ofSeconds(30))).build();
    String id = rig.controller().rollouts().create(plan).id();
    rig.stopController(); // the rollout is PENDING in the H2 file; from here on only child processes run it

    JsonNode s;
    try (ControllerProcess first = ControllerProcess.start(dir, yaml(), dir.resolve("controller-1.log"))) {
      s = await(first, id, "canary pushed", r -> stageAssignment(r, 0, "PUSHED", "APPLIED"));
      first.kill();
      mark("SIGKILL controller pid " + first.pid() + " (stage " + s.get("stage").asInt() + ")");
    }
    try (ControllerProcess second = ControllerProcess.start(dir, yaml(), dir.resolve("controller-2.log"))) {
      await(second, id, "first answer after restart", r -> true);
      mark("restarted controller answers");
      // As early as the wave shows: ASSIGNING (claimed, its desired state maybe issued, PUSHED not yet saved) when
      // the poll catches it, else PUSHED.
      s = await(second, id, "wave claimed or pushed", r -> stageAssignment(r, 1, "ASSIGNING", "PUSHED", "APPLIED"));
      second.kill();
      mark("SIGKILL controller pid " + second.pid() + " (stage " + s.get("stage").asInt() + ")");
    }
    try (ControllerProcess third = ControllerProcess.start(dir, yaml(), dir.resolve("controller-3.log"))) {
      await(third, id, "first answer after restart", r -> true);
      mark("restarted controller answers");
      s = await(third, id, "rollout finished", r -> List.of("COMPLETED", "ROLLED_BACK", "ABORTED", "FAILED")
          .contains(r.get("state").asText()));
    }
    timeline.forEach(l -> System.out.println("[kill-controller] " + l));

    assertThat(s.get("state").asText()).as("%s", s).isEqualTo("COMPLETED");
    List<String> events = new ArrayList<>();
    s.get("events").forEach(e -> events.add(e.get("type").asText()));
    System.out.println("[kill-controller] rollout events: " + events);
    assertThat(events.stream().filter("stage.pushed"::equals).count()).as("each stage pushed once: %s", events)
        .isEqualTo(2);
    assertThat(events).doesNotContain("assignment.superseded", "assignment.rejected");
    s.get("gateResults").forEach(g -> assertThat(g.get("passed").asBoolean()).as("%s", g).isTrue());
    Map<String, Long> issued = new HashMap<>();
    s.get("assignments").forEach(a -> {
      assertThat(a.get("state").asText()).as("%s", a).isEqualTo("APPLIED");
      issued.put(a.get("agentId").asText(), a.get("desiredVersion").asLong());
    });
    assertThat(issued.keySet()).containsExactlyInAnyOrderElementsOf(AGENTS);
    for (String agent : AGENTS) {
      rig.await(agent + " APPLIED " + next, WAIT, () -> FleetInstallIT.applied(rig, agent, next));
      ReportedState r = rig.observer.lastReported(agent);
      assertThat(r.desiredVersion()).as("%s applied the version the rollout issued", agent)
          .isEqualTo(issued.get(agent));
    }
  }

  private static boolean stageAssignment(JsonNode r, int stage, String... states) {
    for (JsonNode a : r.get("assignments")) {
      if (a.get("stage").asInt() == stage && List.of(states).contains(a.get("state").asText())) return true;
    }
    return false;
  }

  /** Polls the child's REST API every 50 ms, noting each change of state, stage or assignments. */
  private JsonNode await(ControllerProcess c, String id, String what, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode r = c.rollout(id);
      if (r != null) {
        StringBuilder b = new StringBuilder(r.get("state").asText() + " stage " + r.get("stage").asInt() + " [");
        r.get("assignments").forEach(a -> b.append(' ').append(a.get("agentId").asText()).append('@')
            .append(a.get("stage").asInt()).append(':').append(a.get("state").asText()));
        String seen = b.append(" ]").toString();
        if (!seen.equals(lastSeen)) {
          mark(seen);
          lastSeen = seen;
        }
        if (done.test(r)) return r;
      }
      if (!c.alive()) throw new AssertionError("controller exited while waiting for " + what + ":\n" + c.tail(4000));
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; last " + r + "\n" + c.tail(4000)
            + rig.observer.diagnostics());
      }
      Thread.sleep(50);
    }
  }

  private void mark(String what) {
    timeline.add(String.format("%6d ms  %s", (System.nanoTime() - t0) / 1_000_000, what));
  }
}
