package io.edgeladder.bench.fleet;

import io.edgeladder.protocol.ChunkTopic;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.ChunkAssembler;
import io.edgeladder.protocol.dist.ChunkOutcome;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.VerificationException;
import io.edgeladder.protocol.dist.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A lightweight agent running the real download path of the protocol: waits for a retained manifest on
 * {@code models/+/manifest}, verifies its Ed25519 signature ({@link Verifier}), subscribes to the chunk topics
 * of every artifact, checks each chunk's sha256 and stores it ({@link ChunkAssembler}, in its own folder), and
 * assembles and verifies each whole file. {@link #done()} completes with {@code System.nanoTime()} when the
 * last artifact is verified on disk. (The agent's own {@code Installer} is package-private and needs a full
 * agent's control plane, so it is not used.) State is confined to the client's callback thread.
 */
final class SimAgent implements AutoCloseable {
  private final Verifier verifier;
  private final Path dir;
  private final Map<String, ChunkAssembler> assemblers = new HashMap<>();
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private Mqtt5 mqtt;
  private int remaining = -1;
  private int rejectedChunks;

  private SimAgent(Verifier verifier, Path dir) {
    this.verifier = verifier;
    this.dir = dir;
  }

  static SimAgent start(String url, String id, Verifier verifier, Path dir) throws MqttException {
    SimAgent a = new SimAgent(verifier, dir);
    a.mqtt = Mqtt5.connect(url, id, a::onMessage);
    a.mqtt.subscribe(Topics.MODELS_ROOT + "/+/manifest", 1);
    return a;
  }

  CompletableFuture<Long> done() {
    return done;
  }

  int rejectedChunks() {
    return rejectedChunks;
  }

  private void onMessage(String topic, byte[] payload) {
    if (payload.length == 0 || done.isDone()) return; // a cleared retained message
    try {
      var chunk = ChunkTopic.parse(topic);
      if (chunk.isPresent()) {
        onChunk(chunk.get(), payload);
      } else if (remaining < 0) {
        onManifest(topic.split("/")[1], payload);
      }
    } catch (IOException | ProtocolException | VerificationException | MqttException | RuntimeException e) {
      done.completeExceptionally(new IllegalStateException(topic + ": " + e.getMessage(), e));
    }
  }

  private void onManifest(String releaseSha, byte[] payload)
      throws ProtocolException, VerificationException, IOException, MqttException {
    Release release = verifier.verify(SignedRelease.parse(payload), releaseSha);
    remaining = release.artifacts().size();
    for (Artifact a : release.artifacts()) {
      assemblers.put(a.sha256(), ChunkAssembler.open(a, dir.resolve(a.sha256())));
    }
    for (Artifact a : release.artifacts()) mqtt.subscribeAsync(Topics.artifactChunks(a.sha256()), 1);
  }

  private void onChunk(ChunkTopic c, byte[] payload) throws IOException, VerificationException {
    ChunkAssembler asm = assemblers.get(c.sha256());
    if (asm == null) return;
    ChunkOutcome o = asm.accept(c.index(), payload);
    if (o.isRejected()) {
      rejectedChunks++;
      return;
    }
    if (o.isAccepted() && asm.isComplete()) {
      asm.assemble(dir.resolve(c.sha256() + ".onnx"));
      if (--remaining == 0) done.complete(System.nanoTime());
    }
  }

  @Override
  public void close() {
    if (mqtt != null) mqtt.close();
  }
}
