package io.edgeladder.controller.e2e;

import static io.edgeladder.controller.e2e.FleetInstallIT.AGENTS;
import static io.edgeladder.controller.e2e.FleetInstallIT.WAIT;
import static io.edgeladder.controller.e2e.FleetRig.agentCount;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.distribution.PublishProgress;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the distribution path with the controller and three real agents that already serve the
 * committed ladder: a chunk overwritten on the broker by a rogue client before the agents fetch it, and a
 * manifest re-signed with another key. Each agent rejects, reports and counts it (agent and controller side),
 * and keeps serving the old release's variant meanwhile.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FleetRejectIT {
  private static final int TAMPERED = 2;

  @TempDir Path dir;
  private FleetRig rig;
  private Set<String> oldShas;

  @BeforeEach
  void setUp() throws Exception {
    rig = FleetRig.start(dir, null);
    FleetInstallIT.installedByAllThree(rig);
    String old = rig.observer.lastReported("gw-1").pipelines().get(0).releaseSha();
    oldShas = rig.release(old).artifacts().stream().map(Artifact::sha256).collect(Collectors.toSet());
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  @Test
  void chunk_tamperedBeforeFetch_rejectedCountedOldVariantServes_thenForcedRepublishInstalls() throws Exception {
    Path ladder = E2eLadders.withExtraRung(dir.resolve("wide"), "wide", E2eLadders.WIDE_MATMULS);
    String sha = rig.publish(ladder);
    Artifact wide = rig.release(sha).artifacts().stream().filter(a -> a.variantId().equals("wide")).findFirst()
        .orElseThrow();
    byte[] bytes = Files.readAllBytes(ladder.resolve("wide.onnx"));
    int from = TAMPERED * wide.chunkSize();
    byte[] bad = Arrays.copyOfRange(bytes, from, from + wide.chunkSize());
    bad[17] ^= 0x20;
    rig.observer.retain(Topics.artifactChunk(wide.sha256(), TAMPERED), bad); // the rogue, before any agent fetches
    Map<String, Integer> before = resultCounts();

    rig.desireForSite(sha, null);

    for (String id : AGENTS) {
      rig.await(id + " chunk.rejected", WAIT, () -> !rig.observer.events(id, "chunk.rejected").isEmpty());
      assertThat(rig.observer.events(id, "chunk.rejected").get(0).details())
          .containsEntry("reason", "chunk_hash_mismatch").containsEntry("index", TAMPERED)
          .containsEntry("sha256", wide.sha256());
      assertThat(agentCount(rig.agent(id), "edge.control.chunks.rejected", "reason", "chunk_hash_mismatch"))
          .isGreaterThanOrEqualTo(1);
      assertThat(rig.observer.lastReported(id).state()).isEqualTo(ReportedState.State.DOWNLOADING);
      assertThat(dir.resolve("agents/" + id + "/state/cache/" + wide.sha256() + ".onnx")).doesNotExist();
    }
    rig.await("the controller counted the agents' chunk.rejected events", WAIT,
        () -> rig.controllerCount("edgeladder.fleet.events", "type", "chunk.rejected") >= 3);
    oldVariantKeepsServing(before);

    rig.controller().publisher().republish(sha, true, PublishProgress.NONE); // the operator's remedy

    for (String id : AGENTS) {
      rig.await(id + " APPLIED after the republish", WAIT, () -> FleetInstallIT.applied(rig, id, sha));
      assertThat(Sha256.hex(dir.resolve("agents/" + id + "/state/cache/" + wide.sha256() + ".onnx")))
          .isEqualTo(wide.sha256());
    }
  }

  @Test
  void manifest_signedByAnotherKey_rejectedReportedCountedOldVariantServes() throws Exception {
    String sha = rig.publish(E2eLadders.withExtraRung(dir.resolve("wide"), "wide", E2eLadders.WIDE_MATMULS));
    SignedRelease genuine = rig.signed(sha);
    SignedRelease forged = Signer.of(KeyFiles.generate()).sign(genuine.payload());
    forged = new SignedRelease(genuine.keyId(), forged.algorithm(), forged.payload(), forged.signature());
    rig.observer.retain(Topics.releaseManifest(sha), forged.toJson()); // claims the trusted key id
    Map<String, Integer> before = resultCounts();
    double chunksBefore = agentCount(rig.agent("gw-1"), "edge.control.chunks.accepted");

    rig.desireForSite(sha, null);

    for (String id : AGENTS) {
      rig.await(id + " REJECTED", WAIT, () -> {
        ReportedState r = rig.observer.lastReported(id);
        return r != null && r.state() == ReportedState.State.REJECTED;
      });
      assertThat(rig.observer.lastReported(id).pipelines().get(0).error()).contains("bad_signature");
      assertThat(rig.observer.events(id, "release.rejected")).singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("reason", "bad_signature"));
      assertThat(agentCount(rig.agent(id), "edge.control.releases.rejected", "reason", "bad_signature"))
          .isEqualTo(1);
    }
    rig.await("the controller stored REJECTED and counted the events", WAIT, () -> AGENTS.stream().allMatch(id ->
        rig.controller().store().desiredStates().get(id).orElseThrow().reported()
            .map(r -> r.state() == ApplyState.REJECTED).orElse(false))
        && rig.controllerCount("edgeladder.fleet.events", "type", "release.rejected") == 3);
    for (String id : AGENTS) {
      assertThat(rig.controller().fleet().get(id).orElseThrow().drift().inDrift()).as(id + " drift").isTrue();
    }
    oldVariantKeepsServing(before);
    assertThat(agentCount(rig.agent("gw-1"), "edge.control.chunks.accepted")).isEqualTo(chunksBefore);
  }

  private Map<String, Integer> resultCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : AGENTS) counts.put(id, rig.observer.results(id).size());
    return counts;
  }

  /** Every agent keeps publishing results, all from the old release's files. */
  private void oldVariantKeepsServing(Map<String, Integer> before) throws InterruptedException {
    for (String id : AGENTS) {
      rig.await(id + " 40 more results", WAIT, () -> rig.observer.results(id).size() > before.get(id) + 40);
      List<FleetObserver.Served> since = rig.observer.results(id).subList(before.get(id),
          rig.observer.results(id).size());
      assertThat(since).extracting(FleetObserver.Served::sha256).as(id).allMatch(oldShas::contains);
    }
  }
}
