package io.edgeladder.agent.control;

import static io.edgeladder.agent.control.FleetHarness.await;
import static io.edgeladder.agent.control.FleetHarness.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's control path end to end: an embedded broker, a real agent (ORT sessions on models/), the
 * committed demo ladder published as a signed, chunked release by the test (the controller's role), sensor
 * data from the simulator. The agent starts with only the model card ({@code base}); a desired state naming
 * the release and pinning {@code qat} must make results carry qat's sha256, and every bad input must leave
 * {@code base} serving.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetControlIT {
  private static final String AGENT = "fleet-gw";
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final Bounds PIN_QAT = new Bounds(List.of(), "qat", 0);

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private FleetHarness fleet;
  private TestRelease release;
  private String control;

  @BeforeEach
  void setUp() throws Exception {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
    fleet = FleetHarness.connect(broker.url(), AGENT);
    release = new TestRelease(4096);
    Path key = release.writePublicKey(dir.resolve("controller.pub"));
    control = "publicKey: " + key + ", heartbeatMs: 300, chunkRetryMs: 200, applyTimeoutMs: 30000, labels: [site=lab]";
  }

  @AfterEach
  void tearDown() throws Exception {
    fleet.close();
    broker.close();
  }

  private Agent agent() {
    return FleetHarness.agent(broker.url(), AGENT, dir, control);
  }

  private SensorSimulator sensors() throws Exception {
    return SensorSimulator.start(SimulatorConfig.builder().brokerUri(broker.url()).clientId("fleet-sim")
        .machines(List.of("pump-1")).format(PayloadFormat.RAW).schedule(ConditionSchedule.cycle(Duration.ofSeconds(2)))
        .seed(3).qos(1).rateMultiplier(1).duration(Duration.ofSeconds(90)).build());
  }

  private String sha(String variant) {
    return release.artifact(variant).sha256();
  }

  private boolean serves(String sha) {
    List<InferenceResult> rs = fleet.results;
    return !rs.isEmpty() && rs.get(rs.size() - 1).sha256().equals(sha);
  }

  @Test
  void release_signedAndChunked_installedAndPinnedRungServes() throws Exception {
    try (Agent agent = agent(); SensorSimulator sim = sensors()) {
      await("birth", WAIT, () -> !fleet.births.isEmpty(), fleet::diagnostics);
      AgentBirth birth = fleet.births.get(0);
      assertThat(birth.labels()).containsEntry("site", "lab");
      assertThat(birth.publicKeyId()).isEqualTo(release.signed.keyId());
      assertThat(birth.pipelines()).singleElement().satisfies(p -> assertThat(p.releaseSha()).isNull());
      await("results from base", WAIT, () -> serves(sha("fp32")), fleet::diagnostics); // base has fp32's bytes

      release.publishAll(fleet);
      fleet.desired(1, release.sha(), PIN_QAT);

      await("APPLIED", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.APPLIED), fleet::diagnostics);
      await("results from qat", WAIT, () -> serves(sha("qat")), fleet::diagnostics);
      assertThat(fleet.reported.get(0).state()).isEqualTo(ReportedState.State.DOWNLOADING);
      PipelineReported p = fleet.lastReported().pipelines().get(0);
      assertThat(p.releaseSha()).isEqualTo(release.sha());
      assertThat(p.activeVariant()).isEqualTo("qat");
      assertThat(p.installed()).containsExactly("fp32", "qat");
      assertThat(p.error()).isNull();
      InferenceResult last = fleet.results.get(fleet.results.size() - 1);
      assertThat(release.release.artifacts()).extracting(Artifact::sha256).contains(last.sha256());
      assertThat(last.variant()).isEqualTo("qat");
      for (Artifact a : release.release.artifacts()) {
        assertThat(dir.resolve("state/cache/" + a.sha256() + ".onnx")).exists();
      }
      assertThat(dir.resolve("state/releases/" + release.sha() + "/ladder.json")).exists();
      assertThat(count(agent, "edge.control.chunks.accepted")).isEqualTo(release.totalChunks());
      await("birth with the release", WAIT, () -> release.sha().equals(
          fleet.births.get(fleet.births.size() - 1).pipelines().get(0).releaseSha()), fleet::diagnostics);
      await("heartbeat with version 1 and qat", WAIT, () -> fleet.heartbeats.stream().anyMatch(h ->
          h.desiredVersion() == 1 && h.pipelines().get(0).variantSha256().equals(sha("qat"))), fleet::diagnostics);
    }
  }

  @Test
  void chunk_tampered_rejectedAndCountedThenRepublishedChunkCompletes() throws Exception {
    try (Agent agent = agent()) {
      release.publishManifest(fleet);
      release.publishChunks(fleet, "fp32", 0, release.artifact("fp32").chunkCount());
      Artifact qat = release.artifact("qat");
      byte[] bad = release.chunk("qat", 3);
      bad[100] ^= 0x5a;
      release.publishChunks(fleet, "qat", 0, 3);
      fleet.retain(Topics.artifactChunk(qat.sha256(), 3), bad);
      release.publishChunks(fleet, "qat", 4, qat.chunkCount());
      fleet.desired(1, release.sha(), PIN_QAT);

      await("chunk.rejected", WAIT, () -> !fleet.events("chunk.rejected").isEmpty(), fleet::diagnostics);
      assertThat(fleet.events("chunk.rejected").get(0).details()).containsEntry("reason", "chunk_hash_mismatch")
          .containsEntry("index", 3).containsEntry("sha256", qat.sha256());
      assertThat(count(agent, "edge.control.chunks.rejected", "reason", "chunk_hash_mismatch")).isGreaterThanOrEqualTo(1);
      assertThat(fleet.lastReported().state()).isEqualTo(ReportedState.State.DOWNLOADING);
      assertThat(dir.resolve("state/cache/" + qat.sha256() + ".onnx")).doesNotExist();

      release.publishChunks(fleet, "qat", 3, 4); // the controller republishes the good chunk

      await("APPLIED", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.APPLIED), fleet::diagnostics);
      assertThat(io.edgeladder.protocol.dist.Sha256.hex(dir.resolve("state/cache/" + qat.sha256() + ".onnx")))
          .isEqualTo(qat.sha256());
    }
  }

  @Test
  void manifest_badSignature_rejectedReportedAndBaseKeepsServing() throws Exception {
    try (Agent agent = agent(); SensorSimulator sim = sensors()) {
      byte[] sig = release.signed.signature();
      sig[5] ^= 1;
      SignedRelease forged = new SignedRelease(release.signed.keyId(), "Ed25519", release.signed.payload(), sig);
      fleet.retain(Topics.releaseManifest(release.sha()), forged.toJson());
      release.publishChunks(fleet, "qat", 0, release.artifact("qat").chunkCount());
      fleet.desired(1, release.sha(), PIN_QAT);

      await("REJECTED", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.REJECTED), fleet::diagnostics);
      assertThat(fleet.events("release.rejected")).singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("reason", "bad_signature"));
      assertThat(fleet.lastReported().pipelines().get(0).error()).contains("bad_signature");
      assertThat(count(agent, "edge.control.releases.rejected", "reason", "bad_signature")).isEqualTo(1);
      int before = fleet.results.size();
      await("more results", WAIT, () -> fleet.results.size() > before + 20, fleet::diagnostics);
      assertThat(fleet.results.subList(before, fleet.results.size())).extracting(InferenceResult::sha256)
          .containsOnly(sha("fp32")); // base, the model card's bytes
      assertThat(count(agent, "edge.control.chunks.accepted")).isZero();
      assertThat(Files.exists(dir.resolve("state/cache/" + sha("qat") + ".onnx"))).isFalse();
    }
  }

  @Test
  void restart_midDownload_resumesFromPersistedChunks() throws Exception {
    Artifact qat = release.artifact("qat");
    try (Agent first = agent()) {
      release.publishManifest(fleet);
      release.publishChunks(fleet, "fp32", 0, release.artifact("fp32").chunkCount());
      release.publishChunks(fleet, "qat", 0, 3);
      fleet.desired(1, release.sha(), PIN_QAT);
      int expected = release.artifact("fp32").chunkCount() + 3;
      await(expected + " chunks in", WAIT, () -> count(first, "edge.control.chunks.accepted") == expected,
          fleet::diagnostics);
    }
    assertThat(dir.resolve("state/downloads/" + qat.sha256() + "/2.chunk")).exists();

    release.publishChunks(fleet, "qat", 3, qat.chunkCount());
    try (Agent second = agent()) {
      await("APPLIED after restart", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.APPLIED),
          fleet::diagnostics);
      double after = count(second, "edge.control.chunks.accepted");
      assertThat(after).isEqualTo(qat.chunkCount() - 3).isLessThan(release.totalChunks());
      assertThat(dir.resolve("state/downloads/" + qat.sha256())).doesNotExist();
    }
  }

  @Test
  void agentOfflineDuringPush_getsReleaseOnConnect() throws Exception {
    String firstIncarnation;
    try (Agent agent = agent()) {
      await("birth", WAIT, () -> !fleet.births.isEmpty(), fleet::diagnostics);
      firstIncarnation = fleet.births.get(0).incarnation();
    }
    release.publishAll(fleet);
    fleet.desired(1, release.sha(), PIN_QAT);

    try (Agent agent = agent(); SensorSimulator sim = sensors()) {
      await("APPLIED", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.APPLIED), fleet::diagnostics);
      await("results from qat", WAIT, () -> serves(sha("qat")), fleet::diagnostics);
      assertThat(fleet.births.get(fleet.births.size() - 1).incarnation()).isNotEqualTo(firstIncarnation);
    }
  }

  @Test
  void desired_olderThanApplied_ignoredAlsoAfterRestart() throws Exception {
    release.publishAll(fleet);
    try (Agent agent = agent()) {
      fleet.desired(2, release.sha(), PIN_QAT);
      await("APPLIED 2", WAIT, () -> fleet.reportedFinal(2, ReportedState.State.APPLIED), fleet::diagnostics);

      fleet.desired(1, release.sha(), new Bounds(List.of(), "fp32", 0));

      await("stale desired counted", WAIT, () -> count(agent, "edge.control.desired", "outcome", "stale") == 1,
          fleet::diagnostics);
      assertThat(fleet.lastReported().desiredVersion()).isEqualTo(2);
      assertThat(agent.adaptive().servingId("pump-1")).isEqualTo("qat");
    }
    int reports = fleet.reported.size();
    try (Agent restarted = agent()) { // restores version 2 from disk; the retained version 1 stays ignored
      await("stale desired counted after restart", WAIT,
          () -> count(restarted, "edge.control.desired", "outcome", "stale") == 1, fleet::diagnostics);
      await("qat restored", WAIT, () -> "qat".equals(restarted.adaptive().servingId("pump-1")), fleet::diagnostics);
      assertThat(count(restarted, "edge.control.chunks.accepted")).isZero();
      assertThat(fleet.reported.size()).isEqualTo(reports);
    }
  }

  @Test
  void desired_badInput_ignoredOrRejectedWithReasonsAndBaseServes() throws Exception {
    try (Agent agent = agent()) {
      await("birth", WAIT, () -> !fleet.births.isEmpty(), fleet::diagnostics);
      fleet.retain(Topics.desired(AGENT), "{\"agentId\":\"fleet-gw\",\"version\":\"x\"}".getBytes());
      fleet.retain(Topics.desired(AGENT), new io.edgeladder.protocol.fleet.DesiredState("other-gw", 5,
          java.time.Instant.now(), List.of()).toJson());
      await("two desired.ignored", WAIT, () -> fleet.events("desired.ignored").size() == 2, fleet::diagnostics);
      assertThat(fleet.events("desired.ignored")).extracting(e -> e.details().get("outcome"))
          .containsExactly("invalid", "foreign");
      assertThat(fleet.events("desired.ignored").get(0).message()).contains("version");

      fleet.retain(Topics.desired(AGENT), new io.edgeladder.protocol.fleet.DesiredState(AGENT, 1,
          java.time.Instant.now(), List.of(
              new io.edgeladder.protocol.fleet.PipelineDesired("pump-9", "vibration-cnn", null, null),
              new io.edgeladder.protocol.fleet.PipelineDesired("pump-1", "vibration-cnn", null, PIN_QAT))).toJson());

      await("REJECTED", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.REJECTED), fleet::diagnostics);
      assertThat(fleet.lastReported().pipelines()).extracting(PipelineReported::error).containsExactly(
          "no pipeline pump-9 on this agent; it has [pump-1]", "pipeline pump-1 has no ladder; bounds need one");
      assertThat(fleet.lastReported().pipelines().get(1).activeVariant()).isEqualTo("base");
      assertThat(count(agent, "edge.control.desired", "outcome", "invalid")).isEqualTo(1);
      assertThat(count(agent, "edge.control.desired", "outcome", "rejected")).isEqualTo(1);
      AgentBirth birth = fleet.births.get(0);
      assertThat(birth.ortVersion()).startsWith("1.");
      assertThat(birth.hardware().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(birth.hardware().memoryBytes()).isPositive();
    }
  }

  @Test
  void cache_beyondBound_evictsUnusedKeepsArtifactsInUse() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("state/cache"));
    Path distilled = FleetHarness.MODELS.resolve("variants/vibration-cnn-distilled/model.onnx");
    String unused = io.edgeladder.protocol.dist.Sha256.hex(distilled);
    Files.copy(distilled, cache.resolve(unused + ".onnx"));
    control += ", cacheMaxBytes: 60000"; // fp32 48176 + qat 21386 bytes: both in use, over the bound
    release.publishAll(fleet);
    try (Agent agent = agent()) {
      fleet.desired(1, release.sha(), PIN_QAT);

      await("APPLIED", WAIT, () -> fleet.reportedFinal(1, ReportedState.State.APPLIED), fleet::diagnostics);
      await("artifact.evicted", WAIT, () -> !fleet.events("artifact.evicted").isEmpty(), fleet::diagnostics);
      assertThat(fleet.events("artifact.evicted")).singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("sha256", unused));
      assertThat(count(agent, "edge.control.cache.evictions")).isEqualTo(1);
      try (var files = Files.list(cache)) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
            sha("fp32") + ".onnx", sha("qat") + ".onnx");
      }
    }
  }
}
