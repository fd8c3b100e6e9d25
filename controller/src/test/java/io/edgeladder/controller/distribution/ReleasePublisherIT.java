package io.edgeladder.controller.distribution;

import io.edgeladder.controller.registry.ArtifactStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.protocol.ChunkTopic;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.ChunkAssembler;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.dist.Verifier;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReleasePublisher with the committed demo ladder, the embedded broker and H2: plain Paho subscribers that
 * come after the publish reassemble every artifact from the retained chunks and verify the signature.
 */
@Timeout(90)
class ReleasePublisherIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int CHUNK = 8 * 1024; // fp32 (48 176 B) -> 6 chunks, qat (21 386 B) -> 3 chunks
  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static EmbeddedBroker broker;

  @TempDir
  Path tmp;

  private Store store;
  private ControllerMqtt mqtt;
  private KeyPair keys;

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
    store = Store.open(DatabaseConfig.embedded(tmp.resolve("db")), FleetSettings.ofDefaults(), Clock.systemUTC());
    mqtt = ControllerMqtt.create(MqttSettings.of(broker.url(), "ctl-dist-" + CLIENTS.incrementAndGet()),
        new SimpleMeterRegistry());
    mqtt.connect().get(10, TimeUnit.SECONDS);
    keys = KeyFiles.generate();
  }

  @AfterEach
  void stop() {
    mqtt.close();
    store.close();
  }

  private ReleasePublisher publisher() throws Exception {
    return new ReleasePublisher(mqtt, store.models(), ArtifactStore.open(tmp.resolve("artifacts")), Signer.of(keys),
        Chunker.of(CHUNK), tmp.resolve("published"), 4, 10_000);
  }

  private TestClient observer() throws Exception {
    return TestClient.connect(broker.url(), "observer-" + CLIENTS.incrementAndGet(), null);
  }

  @Test
  void publish_lateSubscriberReassemblesEveryArtifactAndVerifiesSignature() throws Exception {
    List<PublishProgress.Chunk> progress = new CopyOnWriteArrayList<>();
    PublishReport report = publisher().publish(Ladders.LADDER, false, progress::add);

    assertThat(report.model()).isEqualTo("vibration-cnn");
    assertThat(report.artifacts()).isEqualTo(2);
    assertThat(report.chunksPublished()).isEqualTo(9);
    assertThat(report.bytesPublished()).isEqualTo(48_176 + 21_386);
    assertThat(report.manifestPublished()).isTrue();
    assertThat(report.newRelease()).isTrue();
    assertThat(progress).hasSize(9).last().satisfies(p -> assertThat(p.bytesDone()).isEqualTo(p.bytesTotal()));
    assertThat(store.models().release(report.releaseSha())).isPresent();

    try (TestClient late = observer()) {
      late.subscribe(Topics.releaseManifest(report.releaseSha()));
      TestClient.Msg m = late.await(Topics.releaseManifest(report.releaseSha()), WAIT);
      assertThat(m.retained()).isTrue();
      SignedRelease signed = SignedRelease.parse(m.payload());
      Release release = Verifier.of(keys.getPublic()).verify(signed, report.releaseSha());
      LadderManifest ladder = LadderManifest.read(Ladders.LADDER.resolve("ladder.json"));
      assertThat(release.ladder().accepted()).extracting(v -> v.id()).containsExactly("fp32", "qat");
      for (Artifact a : release.artifacts()) {
        Path file = reassemble(late, a);
        Path original = Ladders.LADDER.resolve(ladder.variants().stream().filter(v -> v.id().equals(a.variantId()))
            .findFirst().orElseThrow().file());
        assertThat(Sha256.hex(file)).isEqualTo(a.sha256()).isEqualTo(Sha256.hex(original));
        assertThat(Files.mismatch(file, original)).isEqualTo(-1L);
      }
    }
  }

  private Path reassemble(TestClient client, Artifact a) throws Exception {
    client.subscribe(Topics.artifactChunks(a.sha256()));
    ChunkAssembler assembler = ChunkAssembler.open(a, tmp.resolve("chunks").resolve(a.sha256()));
    for (int i = 0; i < a.chunkCount(); i++) {
      TestClient.Msg chunk = client.await(Topics.artifactChunk(a.sha256(), i), WAIT);
      assertThat(chunk.retained()).isTrue();
      assertThat(assembler.accept(ChunkTopic.parse(chunk.topic()).orElseThrow().index(), chunk.payload())
          .isAccepted()).as("chunk %d of %s", i, a.variantId()).isTrue();
    }
    Path out = tmp.resolve("assembled").resolve(a.variantId() + ".onnx");
    assembler.assemble(out);
    return out;
  }

  @Test
  void publishTwice_secondSendsNothing_evenAfterRestart_forceSendsAgain() throws Exception {
    PublishReport first = publisher().publish(Ladders.LADDER, false, PublishProgress.NONE);
    try (TestClient watch = observer()) {
      watch.subscribe("artifacts/#", "models/" + first.releaseSha() + "/#");
      fence(watch, first.releaseSha(), "fence-0"); // the retained replay (any order) is complete
      int replayed = watch.received().size();
      assertThat(replayed).as("manifest + 9 chunks + fence").isEqualTo(11);

      PublishReport again = publisher().publish(Ladders.LADDER, false, PublishProgress.NONE); // new instance
      assertThat(again.releaseSha()).isEqualTo(first.releaseSha());
      assertThat(again.chunksPublished()).isZero();
      assertThat(again.manifestPublished()).isFalse();
      assertThat(again.newRelease()).isFalse();
      assertThat(store.models().releases("vibration-cnn")).hasSize(1);
      fence(watch, first.releaseSha(), "fence-1");
      assertThat(watch.received()).hasSize(replayed + 1); // only the fence arrived

      PublishReport forced = publisher().publish(Ladders.LADDER, true, PublishProgress.NONE);
      assertThat(forced.chunksPublished()).isEqualTo(9);
      assertThat(forced.manifestPublished()).isTrue();
    }
  }

  @Test
  void retire_clearsManifestAndChunks() throws Exception {
    ReleasePublisher publisher = publisher();
    PublishReport report = publisher.publish(Ladders.LADDER, false, PublishProgress.NONE);
    assertThat(publisher.retire(report.releaseSha())).isEqualTo(9);
    try (TestClient late = observer()) {
      late.subscribe("artifacts/#", "models/" + report.releaseSha() + "/#");
      fence(late, report.releaseSha(), "fence-retired");
      assertThat(late.received()).extracting(TestClient.Msg::topic)
          .containsExactly("models/" + report.releaseSha() + "/fence-retired");
    }
    PublishReport again = publisher.publish(Ladders.LADDER, false, PublishProgress.NONE);
    assertThat(again.chunksPublished()).as("retired artifacts are sent again").isEqualTo(9);
  }

  @Test
  void badLadderFolders_rejectedNamingTheFault() throws Exception {
    ReleasePublisher publisher = publisher();
    assertThatThrownBy(() -> publisher.publish(tmp, false, PublishProgress.NONE))
        .isInstanceOf(DistributionException.class).hasMessageContaining("holds no ladder.json");

    Path tampered = Ladders.copy(tmp.resolve("tampered"));
    byte[] bytes = Files.readAllBytes(tampered.resolve("qat.onnx"));
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(tampered.resolve("qat.onnx"), bytes);
    assertThatThrownBy(() -> publisher.publish(tampered, false, PublishProgress.NONE))
        .isInstanceOf(DistributionException.class).hasMessageContaining("qat.onnx: artifact bytes hash to");
    assertThat(store.models().models()).isEmpty();
  }

  /** Publishes a non-retained marker under the watched filter and waits for it: what came before has arrived. */
  private static void fence(TestClient c, String releaseSha, String name) throws Exception {
    String topic = "models/" + releaseSha + "/" + name;
    c.publish(topic, name, false);
    c.await(topic, WAIT);
  }
}
