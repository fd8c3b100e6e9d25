package io.edgeladder.agent.control;

import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The committed demo ladder ({@code configs/ladder/ladder.json}: fp32 and int8 QAT rungs of vibration-cnn, files
 * under {@code models/}) as a signed release cut into small chunks, the way the controller publishes it.
 */
final class TestRelease {
  static final Path LADDER = Path.of("..", "configs", "ladder", "ladder.json").toAbsolutePath().normalize();

  final KeyPair keys = KeyFiles.generate();
  final Release release;
  final SignedRelease signed;
  private final Map<String, Path> files = new java.util.HashMap<>();

  TestRelease(int chunkSize) throws IOException {
    LadderManifest ladder = LadderManifest.read(LADDER);
    List<Artifact> artifacts = new ArrayList<>();
    for (VariantEntry v : ladder.accepted()) {
      Path file = LADDER.getParent().resolve(v.file()).normalize();
      artifacts.add(Chunker.of(chunkSize).describe(v.id(), file));
      files.put(v.id(), file);
    }
    release = new Release(Release.SCHEMA_VERSION, ladder.model(), Instant.parse("2026-11-24T00:00:00Z"), ladder,
        artifacts);
    signed = Signer.of(keys).sign(release);
  }

  String sha() {
    return signed.releaseSha();
  }

  Artifact artifact(String variantId) {
    return release.artifact(variantId).orElseThrow();
  }

  /** Writes the controller's public key where the agent's {@code control.publicKey} points. */
  Path writePublicKey(Path file) throws IOException {
    Files.writeString(file, KeyFiles.publicPem(keys.getPublic()));
    return file;
  }

  void publishManifest(FleetHarness h) throws MqttException {
    h.retain(Topics.releaseManifest(sha()), signed.toJson());
  }

  /** Publishes chunks {@code from} (inclusive) to {@code to} (exclusive) of a variant's artifact, retained. */
  void publishChunks(FleetHarness h, String variantId, int from, int to) throws IOException, MqttException {
    Artifact a = artifact(variantId);
    for (int i = from; i < to; i++) h.retain(Topics.artifactChunk(a.sha256(), i), chunk(variantId, i));
  }

  void publishAll(FleetHarness h) throws IOException, MqttException {
    publishManifest(h);
    for (Artifact a : release.artifacts()) publishChunks(h, a.variantId(), 0, a.chunkCount());
  }

  /** The bytes of chunk {@code index} of a variant's file. */
  byte[] chunk(String variantId, int index) throws IOException {
    Artifact a = artifact(variantId);
    byte[] out = new byte[a.length(index)];
    try (InputStream in = Files.newInputStream(files.get(variantId))) {
      in.skipNBytes(a.offset(index));
      in.readNBytes(out, 0, out.length);
    }
    return out;
  }

  int totalChunks() {
    return release.artifacts().stream().mapToInt(Artifact::chunkCount).sum();
  }
}
