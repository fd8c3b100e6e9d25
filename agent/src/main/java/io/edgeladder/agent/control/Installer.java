package io.edgeladder.agent.control;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Verifier;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs releases: one {@link ReleaseDownload} per release sha (several pipelines wanting the same release
 * share it), one {@link ArtifactDownload} per artifact sha (several releases naming the same file share it).
 * A release installed before (its ladder on disk, its artifacts cached) completes at once without the
 * network.
 *
 * <p>Threads: control thread only (every field is confined to it).
 */
final class Installer {
  private static final Logger log = LoggerFactory.getLogger(Installer.class);
  final Transport transport;
  final ScheduledExecutorService control;
  /** Null when no controller key is configured: every release is then refused. */
  final Verifier verifier;
  final ArtifactCache cache;
  final ControlEvents events;
  final long chunkRetryMillis;
  private final Path downloads;
  private final Path releases;
  private final Map<String, ReleaseDownload> inProgress = new LinkedHashMap<>();
  private final Map<String, ArtifactDownload> artifacts = new HashMap<>();

  Installer(Transport transport, ScheduledExecutorService control, Verifier verifier, ArtifactCache cache,
      Path stateDir, ControlEvents events, long chunkRetryMillis) {
    this.transport = transport;
    this.control = control;
    this.verifier = verifier;
    this.cache = cache;
    this.events = events;
    this.chunkRetryMillis = chunkRetryMillis;
    this.downloads = stateDir.resolve("downloads");
    this.releases = stateDir.resolve("releases");
  }

  /**
   * Installs {@code releaseSha} (or joins the install in progress).
   *
   * @return completes with the installed release; exceptionally with {@link InstallException} naming why
   *     (release rejected, artifact failed, ladder not writable) or {@link CancellationException} when no
   *     longer wanted ({@link #retain})
   */
  CompletableFuture<InstalledRelease> install(String releaseSha) {
    ReleaseDownload running = inProgress.get(releaseSha);
    if (running != null) return running.done();
    try {
      Optional<InstalledRelease> earlier = installed(releaseSha);
      if (earlier.isPresent()) return CompletableFuture.completedFuture(earlier.get());
    } catch (IOException e) {
      events.installFailed(null, releaseSha, "installed ladder unreadable, fetching the release again: "
          + e.getMessage());
    }
    ReleaseDownload r = new ReleaseDownload(releaseSha, this);
    inProgress.put(releaseSha, r);
    r.done().whenComplete((ok, e) -> inProgress.remove(releaseSha));
    r.start();
    return r.done();
  }

  /** The release installed earlier, if its ladder and every artifact are still there. */
  Optional<InstalledRelease> installed(String releaseSha) throws IOException {
    return ReleaseLadder.read(releases, releaseSha, cache);
  }

  /** Cancels installs of releases not in {@code wanted} (a newer desired state no longer names them). */
  void retain(Set<String> wanted) {
    for (ReleaseDownload r : List.copyOf(inProgress.values())) {
      if (!wanted.contains(r.releaseSha())) r.cancel();
    }
  }

  /** Artifacts being fetched or assembled now: the cache must not evict them. */
  Set<String> inProgressArtifacts() {
    Set<String> out = new HashSet<>(artifacts.keySet());
    for (ReleaseDownload r : inProgress.values()) out.addAll(r.artifactShas());
    return out;
  }

  /** The download of {@code artifact}, shared, with {@code listener} added. */
  ArtifactDownload download(Artifact artifact, ArtifactDownload.Listener listener) throws IOException {
    ArtifactDownload d = artifacts.get(artifact.sha256());
    boolean fresh = d == null;
    if (fresh) {
      d = ArtifactDownload.open(artifact, downloads.resolve(artifact.sha256()), cache, transport, control, events,
          chunkRetryMillis);
      artifacts.put(artifact.sha256(), d);
    }
    d.addListener(listener);
    if (fresh) d.start();
    return d;
  }

  /**
   * Deletes the chunk folder of an artifact already cached (a process killed after assembling it but before
   * deleting its chunks leaves one); nothing when there is none or it is being fetched.
   */
  void dropLeftoverChunks(Artifact artifact) {
    Path folder = downloads.resolve(artifact.sha256());
    if (artifacts.containsKey(artifact.sha256()) || !Files.isDirectory(folder)) return;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) Files.deleteIfExists(f);
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      log.warn("cannot delete leftover chunks {} of cached artifact {}: {}", folder, artifact.sha256(), e.toString());
    }
  }

  /** A finished (or failed) artifact download is forgotten. */
  void finished(Artifact artifact) {
    artifacts.remove(artifact.sha256());
  }

  /** {@code listener} no longer waits; a download nobody waits for stops (its chunks stay for a resume). */
  void abandon(ArtifactDownload d, ArtifactDownload.Listener listener) {
    if (d.removeListener(listener)) {
      d.cancel();
      artifacts.remove(d.artifact().sha256());
    }
  }

  Path releasesDir() {
    return releases;
  }
}
