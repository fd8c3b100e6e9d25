package io.edgeladder.agent.control;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Rejection;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.VerificationException;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One release on its way in: the retained manifest ({@code models/{releaseSha}/manifest}), its signature
 * checked against the configured controller key, then every artifact not yet cached downloaded, then the
 * ladder written with cache paths. A refused manifest is a {@code release.rejected} event with the reason
 * ({@code no_key}, {@code bad_signature}, {@code unknown_key}, {@code tampered_payload}, ...); a failed
 * artifact an {@code install.failed} event. Either way {@link #done()} completes exceptionally and nothing
 * changes in what serves.
 *
 * <p>Threads: the manifest handler hands the bytes to the control thread; all state is confined to it.
 */
final class ReleaseDownload implements ArtifactDownload.Listener {
  private final String releaseSha;
  private final Installer in;
  private final CompletableFuture<InstalledRelease> done = new CompletableFuture<>();
  private final Set<String> pending = new LinkedHashSet<>();
  private final Map<String, ArtifactDownload> downloads = new HashMap<>();
  private final String manifestTopic;
  private Release release;

  ReleaseDownload(String releaseSha, Installer installer) {
    this.releaseSha = releaseSha;
    this.in = installer;
    this.manifestTopic = Topics.releaseManifest(releaseSha);
  }

  String releaseSha() {
    return releaseSha;
  }

  CompletableFuture<InstalledRelease> done() {
    return done;
  }

  /** Every artifact of this release once it is verified (cached ones included: they must stay cached). */
  Set<String> artifactShas() {
    Set<String> out = new LinkedHashSet<>();
    if (release != null && !done.isDone()) release.artifacts().forEach(a -> out.add(a.sha256()));
    return out;
  }

  void start() {
    in.transport.subscribe(manifestTopic, 1, (topic, payload) -> {
      try {
        in.control.execute(() -> onManifest(payload));
      } catch (RejectedExecutionException e) {
        // closing
      }
    }).exceptionally(e -> {
      in.control.execute(() -> fail("release " + releaseSha + ": cannot subscribe to " + manifestTopic + ": "
          + e.getMessage()));
      return null;
    });
  }

  /** The retained manifest; control thread. */
  void onManifest(byte[] payload) {
    if (release != null || done.isDone()) return;
    in.transport.unsubscribe(manifestTopic);
    if (in.verifier == null) {
      reject("no_key", "release " + releaseSha + " refused: no controller public key is configured (control.publicKey)");
      return;
    }
    try {
      release = in.verifier.verify(SignedRelease.parse(payload), releaseSha);
    } catch (ProtocolException e) {
      reject(Rejection.MALFORMED_RELEASE.tag(), "release " + releaseSha + ": " + e.getMessage());
      return;
    } catch (VerificationException e) {
      reject(e.reason().tag(), e.getMessage());
      return;
    }
    in.events.info("release.verified", null, "release " + releaseSha + " of " + release.model() + " verified: "
        + release.artifacts().size() + " artifact(s)", Map.of("releaseSha", releaseSha, "model", release.model()));
    for (Artifact a : release.artifacts()) {
      if (!in.cache.contains(a.sha256())) {
        pending.add(a.sha256());
      } else {
        in.dropLeftoverChunks(a); // killed between assembly and clean-up: the file is cached, the chunks are not needed
      }
    }
    for (Artifact a : release.artifacts()) {
      if (!pending.contains(a.sha256()) || downloads.containsKey(a.sha256())) continue;
      try {
        ArtifactDownload d = in.download(a, this);
        if (pending.contains(a.sha256())) downloads.put(a.sha256(), d);
      } catch (IOException e) {
        artifactFailed(a, "cannot open the download folder of " + a.sha256() + ": " + e.getMessage());
      }
      if (done.isDone()) return;
    }
    finishIfComplete();
  }

  @Override
  public void artifactReady(Artifact artifact) {
    in.finished(artifact);
    downloads.remove(artifact.sha256());
    if (!pending.remove(artifact.sha256()) || done.isDone()) return;
    in.events.info("artifact.installed", null, "artifact " + artifact.variantId() + " (" + artifact.sha256()
        + ", " + artifact.size() + " bytes) verified and cached", Map.of("releaseSha", releaseSha, "variant",
        artifact.variantId(), "sha256", artifact.sha256(), "size", artifact.size()));
    finishIfComplete();
  }

  @Override
  public void artifactFailed(Artifact artifact, String reason) {
    in.finished(artifact);
    downloads.remove(artifact.sha256());
    fail("release " + releaseSha + ": artifact " + artifact.variantId() + " (" + artifact.sha256() + ") failed: "
        + reason);
  }

  private void finishIfComplete() {
    if (!pending.isEmpty() || done.isDone()) return;
    try {
      InstalledRelease r = ReleaseLadder.write(in.releasesDir(), releaseSha, release, in.cache);
      in.events.info("release.installed", null, "release " + releaseSha + " installed: " + r.variantIds(),
          Map.of("releaseSha", releaseSha, "model", r.model(), "variants", r.variantIds()));
      done.complete(r);
    } catch (IOException e) {
      fail("release " + releaseSha + ": " + e.getMessage());
    }
  }

  private void reject(String reason, String message) {
    in.events.releaseRejected(releaseSha, reason, message);
    stop();
    done.completeExceptionally(new InstallException(message));
  }

  private void fail(String message) {
    if (done.isDone()) return;
    in.events.installFailed(null, releaseSha, message);
    stop();
    done.completeExceptionally(new InstallException(message));
  }

  /** No longer wanted: stops its downloads (chunks stay for a resume) and completes as cancelled. */
  void cancel() {
    stop();
    done.completeExceptionally(new CancellationException("release " + releaseSha + " no longer desired"));
  }

  private void stop() {
    in.transport.unsubscribe(manifestTopic);
    for (ArtifactDownload d : List.copyOf(downloads.values())) in.abandon(d, this);
    downloads.clear();
    pending.clear();
  }
}
