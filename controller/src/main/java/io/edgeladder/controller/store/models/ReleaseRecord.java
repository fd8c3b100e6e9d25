package io.edgeladder.controller.store.models;

import io.edgeladder.controller.store.Require;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A signed release of a model: the exact bytes published on {@code models/{releaseSha}/manifest}
 * and the ladder they carry. Immutable once stored.
 *
 * @param releaseSha sha256 of the signed payload (the {@code Release} JSON bytes)
 * @param createdAt the release's own creation time
 * @param signedRelease the {@code SignedRelease} message bytes, republished as they are
 * @param ladderJson the ladder manifest JSON inside the release, for display and queries
 * @param artifacts the variant files it ships, one per variant id
 */
public record ReleaseRecord(
    String releaseSha,
    String model,
    Instant createdAt,
    ByteBuffer signedRelease,
    String ladderJson,
    List<ReleaseArtifact> artifacts) {
  public ReleaseRecord {
    Require.sha256("releaseSha", releaseSha);
    Require.id("model", model, 128);
    createdAt = Require.micros("createdAt", createdAt);
    byte[] copy = new byte[Require.present("signedRelease", signedRelease).remaining()];
    signedRelease.duplicate().get(copy);
    if (copy.length == 0) {
      throw new IllegalArgumentException("signedRelease of " + releaseSha + " is empty");
    }
    signedRelease = ByteBuffer.wrap(copy).asReadOnlyBuffer();
    Require.present("ladderJson", ladderJson);
    artifacts = List.copyOf(Require.present("artifacts", artifacts));
    Set<String> ids = new HashSet<>();
    for (ReleaseArtifact a : artifacts) {
      if (!ids.add(a.variantId())) {
        throw new IllegalArgumentException(
            "release " + releaseSha + " lists variant " + a.variantId() + " twice");
      }
    }
  }

  /** A read-only view of the signed bytes, positioned at 0. */
  @Override
  public ByteBuffer signedRelease() {
    return signedRelease.duplicate();
  }

  /** A copy of the signed bytes. */
  public byte[] signedReleaseBytes() {
    byte[] copy = new byte[signedRelease.remaining()];
    signedRelease.duplicate().get(copy);
    return copy;
  }
}
