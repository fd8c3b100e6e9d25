package io.edgeladder.agent.control;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.ChunkAssembler;
import io.edgeladder.protocol.dist.ChunkOutcome;
import io.edgeladder.protocol.dist.Rejection;
import io.edgeladder.protocol.dist.VerificationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one artifact over {@code artifacts/{sha256}/{index}} into a {@link ChunkAssembler} folder, so a
 * restarted agent resumes from the chunks already on disk. It subscribes (QoS 1) only to the chunks it does
 * not hold and unsubscribes each one once it is in. A chunk that fails its hash is discarded, counted and
 * reported ({@code chunk.rejected}); its topic stays subscribed, so a republished chunk arrives by itself,
 * and once every other chunk is in the rejected ones are subscribed again (the broker resends the retained
 * copy) after {@code control.chunkRetryMs}, doubling up to a minute while they keep failing. When complete,
 * the file is assembled straight into the cache (verified against size and sha256, atomic rename).
 *
 * <p>Threads: chunk handlers run on the transport's callback thread and only hand the bytes to the control
 * executor; everything else runs there (all fields confined to it).
 */
final class ArtifactDownload {
  private static final Logger log = LoggerFactory.getLogger(ArtifactDownload.class);
  private static final long MAX_RETRY_MILLIS = 60_000;

  /** Who waits for the artifact. Called on the control thread. */
  interface Listener {
    void artifactReady(Artifact artifact);

    void artifactFailed(Artifact artifact, String reason);
  }

  private final Artifact artifact;
  private final ChunkAssembler assembler;
  private final ArtifactCache cache;
  private final Transport transport;
  private final ScheduledExecutorService control;
  private final ControlEvents events;
  private final long retryMillis;
  private final List<Listener> listeners = new ArrayList<>();
  private final Set<Integer> subscribed = new HashSet<>();
  private final Set<Integer> rejected = new TreeSet<>();
  private long nextRetryMillis;
  private ScheduledFuture<?> retry;
  private boolean finished;

  private ArtifactDownload(Artifact artifact, ChunkAssembler assembler, ArtifactCache cache, Transport transport,
      ScheduledExecutorService control, ControlEvents events, long retryMillis) {
    this.artifact = artifact;
    this.assembler = assembler;
    this.cache = cache;
    this.transport = transport;
    this.control = control;
    this.events = events;
    this.retryMillis = retryMillis;
    this.nextRetryMillis = retryMillis;
  }

  /**
   * Opens the chunk folder (keeping the chunks that still match their hash).
   *
   * @throws IOException when the folder cannot be created or read
   */
  static ArtifactDownload open(Artifact artifact, Path folder, ArtifactCache cache, Transport transport,
      ScheduledExecutorService control, ControlEvents events, long retryMillis) throws IOException {
    return new ArtifactDownload(artifact, ChunkAssembler.open(artifact, folder), cache, transport, control, events,
        retryMillis);
  }

  Artifact artifact() {
    return artifact;
  }

  void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Removes {@code listener}; true when nobody waits any more. */
  boolean removeListener(Listener listener) {
    listeners.remove(listener);
    return listeners.isEmpty();
  }

  /** Subscribes to every missing chunk, or assembles at once when the folder already holds them all. */
  void start() {
    if (assembler.isComplete()) {
      complete();
      return;
    }
    List<Integer> missing = assembler.missing();
    log.info("artifact {} ({}): fetching {} of {} chunks{}", artifact.sha256().substring(0, 12), artifact.variantId(),
        missing.size(), artifact.chunkCount(), assembler.heldCount() > 0 ? " (the rest are on disk)" : "");
    for (int index : missing) subscribe(index);
  }

  private void subscribe(int index) {
    subscribed.add(index);
    transport.subscribe(Topics.artifactChunk(artifact.sha256(), index), 1, (topic, payload) -> hand(index, payload))
        .exceptionally(e -> {
          hand(() -> {
            if (!finished) scheduleRetry(); // not connected or refused: the retry subscribes again
          });
          return null;
        });
  }

  private void hand(int index, byte[] payload) {
    hand(() -> onChunk(index, payload));
  }

  private void hand(Runnable work) {
    try {
      control.execute(work);
    } catch (RejectedExecutionException e) {
      // closing: the chunk stays missing and is fetched after the next start
    }
  }

  /** One chunk from the broker; control thread. */
  void onChunk(int index, byte[] bytes) {
    if (finished) return;
    ChunkOutcome o;
    try {
      o = assembler.accept(index, bytes);
    } catch (IOException e) {
      fail("cannot store chunk " + index + " of artifact " + artifact.sha256() + ": " + e.getMessage());
      return;
    }
    if (o.isRejected()) {
      events.chunkRejected(artifact.sha256(), index, o.rejection().tag(), o.message());
      rejected.add(index);
    } else {
      if (o.isAccepted()) {
        events.chunksAccepted.increment();
      }
      rejected.remove(index);
      unsubscribe(index);
    }
    if (assembler.isComplete()) {
      complete();
    } else if (!rejected.isEmpty() && rejected.containsAll(assembler.missing())) {
      scheduleRetry();
    }
  }

  private void scheduleRetry() {
    if (retry != null && !retry.isDone()) return;
    long delay = nextRetryMillis;
    nextRetryMillis = Math.min(MAX_RETRY_MILLIS, nextRetryMillis * 2);
    retry = control.schedule(() -> {
      if (finished) return;
      for (int index : assembler.missing()) subscribe(index); // SUBSCRIBE again: the broker resends the retained copy
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void complete() {
    finished = true;
    stopFetching();
    try {
      assembler.assemble(cache.pathOf(artifact.sha256()));
      cache.added(artifact.sha256());
    } catch (VerificationException e) {
      if (e.reason() == Rejection.CHUNK_HASH_MISMATCH) { // a stored chunk changed on disk: fetch it again
        events.chunkRejected(artifact.sha256(), -1, e.reason().tag(), e.getMessage());
        finished = false;
        start();
        return;
      }
      discard();
      fail(e.getMessage());
      return;
    } catch (IOException e) {
      fail("cannot assemble artifact " + artifact.sha256() + ": " + e.getMessage());
      return;
    }
    nextRetryMillis = retryMillis;
    for (Listener l : List.copyOf(listeners)) l.artifactReady(artifact);
  }

  private void fail(String reason) {
    finished = true;
    stopFetching();
    for (Listener l : List.copyOf(listeners)) l.artifactFailed(artifact, reason);
  }

  /** Stops fetching; the chunks stay on disk for a later resume. */
  void cancel() {
    finished = true;
    stopFetching();
  }

  private void discard() {
    try {
      assembler.delete();
    } catch (IOException e) {
      // the next open re-checks every chunk anyway
    }
  }

  private void stopFetching() {
    if (retry != null) retry.cancel(false);
    for (int index : List.copyOf(subscribed)) unsubscribe(index);
  }

  private void unsubscribe(int index) {
    if (subscribed.remove(index)) {
      transport.unsubscribe(Topics.artifactChunk(artifact.sha256(), index));
    }
  }
}
