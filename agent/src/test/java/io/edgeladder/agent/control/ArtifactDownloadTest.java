package io.edgeladder.agent.control;

import static io.edgeladder.agent.control.FleetHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.ChunkAssembler;
import io.edgeladder.protocol.dist.Sha256;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One artifact's download on the real qat file cut into 4 KiB chunks, a scripted transport and a real thread. */
class ArtifactDownloadTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final ScriptedTransport transport = new ScriptedTransport();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor();
  private final List<String> outcomes = new CopyOnWriteArrayList<>();
  private final ArtifactDownload.Listener listener = new ArtifactDownload.Listener() {
    @Override
    public void artifactReady(Artifact artifact) {
      outcomes.add("ready " + artifact.variantId());
    }

    @Override
    public void artifactFailed(Artifact artifact, String reason) {
      outcomes.add("failed " + reason);
    }
  };
  private TestRelease release;
  private ArtifactCache cache;

  @BeforeEach
  void setUp() throws Exception {
    release = new TestRelease(4096);
    cache = ArtifactCache.open(dir.resolve("cache"), 1 << 20);
  }

  @AfterEach
  void tearDown() {
    control.shutdownNow();
  }

  private ArtifactDownload start(Artifact a) throws Exception {
    ControlEvents events = new ControlEvents("gw", transport, registry, Clock.SYSTEM);
    ArtifactDownload d = ArtifactDownload.open(a, dir.resolve("downloads").resolve(a.sha256()), cache, transport,
        control, events, 50);
    d.addListener(listener);
    control.submit(d::start).get();
    return d;
  }

  private void deliver(Artifact a, int index, byte[] bytes) {
    assertThat(transport.deliver(Topics.artifactChunk(a.sha256(), index), bytes)).as("chunk %d subscribed", index)
        .isTrue();
  }

  @Test
  void onChunk_tamperedWhileOthersArrive_rejectedCountedThenFetchedAgainAndCached() throws Exception {
    Artifact qat = release.artifact("qat");
    start(qat);
    assertThat(transport.subscribed).hasSize(qat.chunkCount());
    byte[] bad = release.chunk("qat", 3);
    bad[0] ^= 1;

    deliver(qat, 3, bad);
    for (int i = 0; i < qat.chunkCount(); i++) {
      if (i != 3) deliver(qat, i, release.chunk("qat", i));
    }

    String topic3 = Topics.artifactChunk(qat.sha256(), 3);
    await("chunk 3 subscribed again", WAIT, () -> transport.subscriptions(topic3) == 2, transport.subscribed::toString);
    AgentEvent rejected = AgentEvent.parse(transport.published(Topics.events("gw")).get(0).payload());
    assertThat(rejected.type()).isEqualTo("chunk.rejected");
    assertThat(rejected.details()).containsEntry("index", 3).containsEntry("reason", "chunk_hash_mismatch");
    assertThat(registry.counter("edge.control.chunks.rejected", "reason", "chunk_hash_mismatch").count()).isEqualTo(1);
    assertThat(outcomes).isEmpty();

    deliver(qat, 3, release.chunk("qat", 3)); // the broker's retained copy, resent after the re-subscription

    await("ready", WAIT, () -> !outcomes.isEmpty(), outcomes::toString);
    assertThat(outcomes).containsExactly("ready qat");
    assertThat(cache.contains(qat.sha256())).isTrue();
    assertThat(Sha256.hex(cache.pathOf(qat.sha256()))).isEqualTo(qat.sha256());
    assertThat(transport.unsubscribed).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream
        .range(0, qat.chunkCount()).mapToObj(i -> Topics.artifactChunk(qat.sha256(), i)).toList());
    assertThat(registry.counter("edge.control.chunks.accepted").count()).isEqualTo(qat.chunkCount());
    assertThat(dir.resolve("downloads").resolve(qat.sha256())).doesNotExist();
  }

  @Test
  void start_chunksAlreadyOnDisk_subscribesOnlyToMissingOnes() throws Exception {
    Artifact qat = release.artifact("qat");
    ChunkAssembler earlier = ChunkAssembler.open(qat, dir.resolve("downloads").resolve(qat.sha256()));
    for (int i = 0; i < 4; i++) earlier.accept(i, release.chunk("qat", i));

    start(qat);

    assertThat(transport.subscribed).containsExactly(Topics.artifactChunk(qat.sha256(), 4),
        Topics.artifactChunk(qat.sha256(), 5));
    deliver(qat, 4, release.chunk("qat", 4));
    deliver(qat, 5, release.chunk("qat", 5));
    await("ready", WAIT, () -> !outcomes.isEmpty(), outcomes::toString);
    assertThat(outcomes).containsExactly("ready qat");
  }

  @Test
  void complete_chunksMatchButFileHashDoesNot_failsAndDiscardsChunks() throws Exception {
    Artifact real = release.artifact("qat");
    String wrongSha = Sha256.hex(new byte[] {1, 2, 3});
    Artifact lying = new Artifact("qat", wrongSha, real.size(), real.chunkSize(), real.chunks());
    start(lying);

    for (int i = 0; i < lying.chunkCount(); i++) deliver(lying, i, release.chunk("qat", i));

    await("failed", WAIT, () -> !outcomes.isEmpty(), outcomes::toString);
    assertThat(outcomes).singleElement().asString().startsWith("failed file_hash_mismatch");
    assertThat(cache.contains(wrongSha)).isFalse();
    assertThat(cache.pathOf(wrongSha)).doesNotExist();
    assertThat(dir.resolve("downloads").resolve(wrongSha)).doesNotExist();
  }
}
