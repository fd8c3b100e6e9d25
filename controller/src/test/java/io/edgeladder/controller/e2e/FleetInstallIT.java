package io.edgeladder.controller.e2e;

import static io.edgeladder.controller.e2e.FleetRig.agentCount;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.fleet.AgentView;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.fleet.RejectReason;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller and three real agents on the embedded broker, the registry on H2: a ladder pushed to a label
 * selector is downloaded, verified and installed by all three, and each then serves a rung of it; an agent
 * that is offline during the push gets it when it connects; a second process claiming an agent's id is
 * flagged and a heartbeat spoofing another agent is counted.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FleetInstallIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> AGENTS = List.of("gw-1", "gw-2", "gw-3");

  @TempDir Path dir;
  private FleetRig rig;

  @AfterEach
  void tearDown() throws Exception {
    if (rig != null) rig.close();
  }

  @Test
  void ladder_pushedToSelector_installedVerifiedAndServedByAllThree() throws Exception {
    rig = FleetRig.start(dir, null);
    installedByAllThree(rig);
  }

  /** The scenario both registries run (also {@link FleetPostgresIT}). */
  static void installedByAllThree(FleetRig rig) throws Exception {
    for (String id : AGENTS) rig.startAgent(id);
    rig.startSensors();
    rig.await("three agents registered and serving the model card", WAIT, () ->
        rig.controller().fleet().list(LabelSelector.parse(FleetRig.SITE)).size() == 3
            && AGENTS.stream().allMatch(id -> rig.observer.servingSha(id) != null));

    String sha = rig.publish(E2eLadders.COMMITTED);
    rig.desireForSite(sha, null);

    Release release = rig.release(sha);
    Set<String> shas = release.artifacts().stream().map(Artifact::sha256).collect(Collectors.toSet());
    Set<String> ids = release.artifacts().stream().map(Artifact::variantId).collect(Collectors.toSet());
    for (String id : AGENTS) {
      rig.await(id + " APPLIED " + sha, WAIT, () -> applied(rig, id, sha));
      rig.await(id + " serving a rung of the release", WAIT, () -> servesRung(rig, id, sha, shas, ids));
      assertThat(rig.observer.events(id, "release.verified")).as(id).singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("releaseSha", sha));
      assertThat(agentCount(rig.agent(id), "edge.control.chunks.accepted"))
          .isEqualTo(release.artifacts().stream().mapToInt(Artifact::chunkCount).sum());
      for (Artifact a : release.artifacts()) {
        Path cached = rig.dir.resolve("agents/" + id + "/state/cache/" + a.sha256() + ".onnx");
        assertThat(io.edgeladder.protocol.dist.Sha256.hex(cached)).isEqualTo(a.sha256());
      }
    }
    rig.await("controller: stored reports APPLIED, no drift, births with the release", WAIT, () -> AGENTS.stream()
        .allMatch(id -> {
          AgentView v = rig.controller().fleet().get(id).orElseThrow();
          return !v.drift().inDrift() && sha.equals(v.pipelines().get(0).releaseSha());
        }));
    for (String id : AGENTS) {
      assertThat(rig.controller().store().desiredStates().get(id).orElseThrow().reported().orElseThrow().state())
          .isEqualTo(ApplyState.APPLIED);
    }
    assertThat(rig.controllerCount("edgeladder.fleet.events", "type", "release.installed")).isEqualTo(3);
  }

  @Test
  void agentOfflineDuringPush_getsReleaseWhenItConnects() throws Exception {
    rig = FleetRig.start(dir, null);
    for (String id : AGENTS) rig.startAgent(id);
    rig.await("three registered", WAIT, () -> rig.controller().fleet().list(LabelSelector.all()).size() == 3);
    rig.stopAgent("gw-3");
    rig.await("gw-3 offline", WAIT, () -> !rig.controller().fleet().get("gw-3").orElseThrow().online());

    String sha = rig.publish(E2eLadders.COMMITTED);
    rig.desireForSite(sha, null);
    rig.await("gw-1 and gw-2 APPLIED", WAIT, () -> applied(rig, "gw-1", sha) && applied(rig, "gw-2", sha));
    assertThat(rig.observer.lastReported("gw-3")).isNull();
    assertThat(Files.exists(rig.dir.resolve("agents/gw-3/state/releases/" + sha))).isFalse();

    rig.startAgent("gw-3");
    rig.startSensors();
    rig.await("gw-3 APPLIED after connecting", WAIT, () -> applied(rig, "gw-3", sha));
    Release release = rig.release(sha);
    rig.await("gw-3 serving a rung", WAIT, () -> servesRung(rig, "gw-3", sha,
        release.artifacts().stream().map(Artifact::sha256).collect(Collectors.toSet()), Set.of("fp32", "qat")));
    rig.await("gw-3 online without drift", WAIT, () -> {
      AgentView v = rig.controller().fleet().get("gw-3").orElseThrow();
      return v.online() && !v.drift().inDrift();
    });
  }

  @Test
  void duplicateAgentId_flagged_spoofedHeartbeat_counted() throws Exception {
    rig = FleetRig.start(dir, null);
    rig.startAgent("gw-1");
    rig.startAgent("gw-2");
    rig.await("two registered", WAIT, () -> rig.controller().fleet().list(LabelSelector.all()).size() == 2);
    assertThat(rig.controller().fleet().get("gw-1").orElseThrow().duplicate()).isFalse();

    rig.startClone("gw-1", "gw-1-clone"); // a cloned gateway: same id, its own process and state
    rig.await("gw-1 flagged duplicate", WAIT, () -> rig.controller().fleet().get("gw-1").orElseThrow().duplicate()
        && rig.controller().ingest().rejected(RejectReason.DUPLICATE_INCARNATION) >= 1);
    assertThat(rig.controller().fleet().get("gw-2").orElseThrow().duplicate()).isFalse();

    long spoofedBefore = rig.controller().ingest().rejected(RejectReason.SPOOFED);
    rig.observer.publish(Topics.heartbeat("gw-2"), FleetFixtures.heartbeat("gw-1", "forged", 0, 0).toJson());
    rig.await("spoofed heartbeat counted", WAIT,
        () -> rig.controller().ingest().rejected(RejectReason.SPOOFED) == spoofedBefore + 1);
    assertThat(rig.controller().fleet().list(LabelSelector.all())).extracting(AgentView::agentId)
        .containsExactly("gw-1", "gw-2");
  }

  static boolean applied(FleetRig rig, String id, String sha) {
    ReportedState r = rig.observer.lastReported(id);
    return r != null && r.state() == ReportedState.State.APPLIED && sha.equals(r.pipelines().get(0).releaseSha());
  }

  /**
   * Whether the agent reports a rung of the release active and its latest result ran on one of the release's
   * files (the model card it starts with has fp32's bytes and serves as {@code base} until a swap).
   */
  static boolean servesRung(FleetRig rig, String id, String releaseSha, Set<String> shas, Set<String> variantIds) {
    FleetObserver.Served s = lastResult(rig, id);
    ReportedState r = rig.observer.lastReported(id);
    return s != null && shas.contains(s.sha256()) && r != null && releaseSha.equals(r.pipelines().get(0).releaseSha())
        && variantIds.contains(r.pipelines().get(0).activeVariant());
  }

  static FleetObserver.Served lastResult(FleetRig rig, String id) {
    List<FleetObserver.Served> rs = rig.observer.results(id);
    return rs.isEmpty() ? null : rs.get(rs.size() - 1);
  }
}
