package io.edgeladder.controller.distribution;

import io.edgeladder.controller.registry.ArtifactStore;

import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttClientException;
import io.edgeladder.controller.mqtt.PublishWindow;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signs and distributes ladders: a ladder folder becomes a {@link Release} (artifacts copied into
 * {@link ArtifactStore}, cut by the {@link Chunker}, signed, recorded in the {@link ModelRegistry}); every
 * chunk is published retained on {@code artifacts/{sha}/{i}} (QoS 1, a bounded window in flight), then the
 * {@link SignedRelease} retained on {@code models/{releaseSha}/manifest}, so an agent that sees the manifest
 * finds every chunk already there, and one publish serves agents that connect later.
 *
 * <p>Idempotent: a release already published is not sent again, nor are artifacts an earlier release put on
 * the broker, unless forced (e.g. after the broker lost its retained messages). {@link #retire} deletes the
 * retained messages again.
 *
 * <p><b>Threads:</b> calls are serialised (one publish or retire at a time) and block the caller until the
 * broker acknowledged everything; progress is reported on the MQTT callback thread.
 */
public final class ReleasePublisher {
  private final ControllerMqtt mqtt;
  private final ModelRegistry models;
  private final ArtifactStore artifacts;
  private final ReleaseBuilder builder;
  private final PublishLedger ledger;
  private final int window;
  private final long ackTimeoutMs;

  /**
   * @param ledgerDir where the published markers live (under the controller's data folder)
   * @param window chunks awaiting acknowledgement at once, at least 1 (keep it under the broker's Receive
   *     Maximum: HiveMQ's default is 10)
   * @param ackTimeoutMs how long to wait for the broker before failing
   */
  public ReleasePublisher(ControllerMqtt mqtt, ModelRegistry models, ArtifactStore artifacts, Signer signer,
      Chunker chunker, Path ledgerDir, int window, long ackTimeoutMs) throws IOException {
    if (window < 1) throw new IllegalArgumentException("distribution.window must be >= 1 but was " + window);
    this.mqtt = mqtt;
    this.models = models;
    this.artifacts = artifacts;
    this.builder = new ReleaseBuilder(artifacts, models, signer, chunker);
    this.ledger = new PublishLedger(ledgerDir);
    this.window = window;
    this.ackTimeoutMs = ackTimeoutMs;
  }

  /**
   * Builds, signs, records and publishes the ladder in {@code ladderFolder}.
   *
   * @throws DistributionException for a bad ladder folder or a publish the broker refused / did not ack
   */
  public synchronized PublishReport publish(Path ladderFolder, boolean force, PublishProgress progress)
      throws IOException, DistributionException, InterruptedException {
    return send(builder.build(ladderFolder), force, progress);
  }

  /**
   * Publishes a release already in the model registry (its files must still be in {@link ArtifactStore}).
   *
   * @throws DistributionException for an unknown release or a missing artifact file
   */
  public synchronized PublishReport republish(String releaseSha, boolean force, PublishProgress progress)
      throws DistributionException, InterruptedException, IOException {
    SignedRelease signed = stored(releaseSha);
    Release release = parse(signed);
    Map<String, Path> files = new HashMap<>();
    for (Artifact a : release.artifacts()) {
      files.put(a.sha256(), artifacts.find(a.sha256()).map(f -> artifacts.path(f.sha256()))
          .orElseThrow(() -> new DistributionException(
          "release " + releaseSha + ": file of variant " + a.variantId() + " (" + a.sha256() + ") is gone")));
    }
    return send(new PreparedRelease(signed, release, files, false), force, progress);
  }

  /**
   * Deletes the release's retained manifest and the chunks of its artifacts that no other published release
   * ships (empty retained publishes). Agents that installed it keep their copy.
   *
   * @return chunk topics cleared
   * @throws DistributionException for an unknown release or a publish the broker refused
   */
  public synchronized int retire(String releaseSha) throws DistributionException, InterruptedException, IOException {
    Release release = parse(stored(releaseSha));
    await(mqtt.clearRetained(Topics.releaseManifest(releaseSha)), "clearing the manifest of " + releaseSha);
    ledger.clearRelease(releaseSha);
    Set<String> keep = new HashSet<>();
    for (String other : ledger.publishedReleases()) {
      models.release(other).ifPresent(r -> r.artifacts().stream().map(ReleaseArtifact::sha256).forEach(keep::add));
    }
    Sender w = new Sender();
    int cleared = 0;
    for (Artifact a : release.artifacts()) {
      if (keep.contains(a.sha256())) continue;
      for (int i = 0; i < a.chunkCount(); i++, cleared++) {
        w.send(Topics.artifactChunk(a.sha256(), i), new byte[0], () -> { });
      }
      w.drain();
      ledger.clearArtifact(a.sha256());
    }
    return cleared;
  }

  private PublishReport send(PreparedRelease p, boolean force, PublishProgress progress)
      throws DistributionException, InterruptedException, IOException {
    String sha = p.releaseSha();
    Release r = p.release();
    if (!force && ledger.releasePublished(sha)) {
      return new PublishReport(sha, r.model(), p.signed().keyId(), r.artifacts().size(), 0, 0,
          r.artifacts().size(), false, p.stored());
    }
    Map<String, Artifact> todo = new LinkedHashMap<>();
    for (Artifact a : r.artifacts()) {
      if (force || !ledger.artifactPublished(a.sha256())) todo.putIfAbsent(a.sha256(), a);
    }
    long chunksTotal = todo.values().stream().mapToLong(Artifact::chunkCount).sum();
    long bytesTotal = todo.values().stream().mapToLong(Artifact::size).sum();
    AtomicLong chunksDone = new AtomicLong();
    AtomicLong bytesDone = new AtomicLong();
    Sender w = new Sender();
    for (Artifact a : todo.values()) {
      Path file = p.files().get(a.sha256());
      for (int i = 0; i < a.chunkCount(); i++) {
        byte[] chunk = Chunker.read(file, a, i);
        int index = i;
        w.send(Topics.artifactChunk(a.sha256(), i), chunk, () -> progress.chunkPublished(new PublishProgress.Chunk(
            a.variantId(), a.sha256(), index, chunksDone.incrementAndGet(), chunksTotal,
            bytesDone.addAndGet(chunk.length), bytesTotal)));
      }
      w.drain();
      ledger.markArtifact(a.sha256());
    }
    await(mqtt.publish(Topics.releaseManifest(sha), p.signed().toJson(), 1, true), "publishing manifest " + sha);
    ledger.markRelease(sha);
    return new PublishReport(sha, r.model(), p.signed().keyId(), r.artifacts().size(), chunksTotal, bytesTotal,
        r.artifacts().size() - todo.size(), true, p.stored());
  }

  private SignedRelease stored(String releaseSha) throws DistributionException {
    ReleaseRecord record = models.release(Topics.sha("release", releaseSha))
        .orElseThrow(() -> new DistributionException("release " + releaseSha + " is not in the model registry"));
    try {
      return SignedRelease.parse(record.signedReleaseBytes());
    } catch (ProtocolException e) {
      throw new DistributionException("stored release " + releaseSha + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static Release parse(SignedRelease signed) throws DistributionException {
    try {
      return Release.parse(signed.payload());
    } catch (ProtocolException e) {
      throw new DistributionException("stored release " + signed.releaseSha() + ": " + e.getMessage(), e);
    }
  }

  private void await(CompletableFuture<Void> f, String what)
      throws DistributionException, InterruptedException {
    try {
      f.get(ackTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new DistributionException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new DistributionException(what + ": no acknowledgement within " + ackTimeoutMs + " ms", e);
    }
  }

  /** Retained QoS 1 publishes through a {@link PublishWindow}; the first failure fails the whole call. */
  private final class Sender {
    private final PublishWindow w = new PublishWindow(mqtt, window, Duration.ofMillis(ackTimeoutMs));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    void send(String topic, byte[] payload, Runnable onAck) throws DistributionException, InterruptedException {
      check();
      try {
        w.send(topic, payload, 1, true, error -> {
          if (error == null) {
            onAck.run();
          } else {
            failure.compareAndSet(null, error);
          }
        });
      } catch (MqttClientException e) {
        throw new DistributionException(e.getMessage(), e);
      }
    }

    void drain() throws DistributionException, InterruptedException {
      try {
        w.drain();
      } catch (MqttClientException e) {
        throw new DistributionException(e.getMessage(), e);
      }
      check();
    }

    private void check() throws DistributionException {
      Throwable t = failure.get();
      if (t != null) throw new DistributionException("publishing failed: " + t.getMessage(), t);
    }
  }
}
