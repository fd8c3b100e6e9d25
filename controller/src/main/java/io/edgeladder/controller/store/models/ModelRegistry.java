package io.edgeladder.controller.store.models;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Models, their signed releases and where releases were pushed. Releases are immutable: storing
 * the same release again is a no-op, storing different bytes under an existing release sha is a
 * {@link io.edgeladder.controller.store.ConflictException}.
 *
 * <p>Thread-safe. Every method throws {@link io.edgeladder.controller.store.StoreException} when
 * the database fails.
 */
public interface ModelRegistry {

  /** Creates the model if it does not exist; returns it either way. */
  ModelRecord createModel(String name);

  Optional<ModelRecord> model(String name);

  /** All models, sorted by name. */
  List<ModelRecord> models();

  /**
   * Stores a release of an existing model.
   *
   * @return true if stored, false if the identical release was already there
   * @throws io.edgeladder.controller.store.NotFoundException if the model does not exist
   * @throws io.edgeladder.controller.store.ConflictException if the sha is stored with other bytes
   *     or for another model
   */
  boolean putRelease(ReleaseRecord release);

  Optional<ReleaseRecord> release(String releaseSha);

  /** The newest release of a model by {@code createdAt} (ties: the one stored last). */
  Optional<ReleaseRecord> latestRelease(String model);

  /** Releases of a model, newest first. */
  List<ReleaseRecord> releases(String model);

  /** The sha256 of every artifact some stored release ships (what the artifact store must keep). */
  Set<String> referencedArtifacts();

  /**
   * Appends to the push history.
   *
   * @param rolloutId the rollout pushing it, {@code null} for a direct push
   * @throws io.edgeladder.controller.store.NotFoundException if the release is not stored
   */
  PushRecord recordPush(String releaseSha, PushTarget target, String rolloutId);

  /** Pushes of one release, oldest first. */
  List<PushRecord> pushes(String releaseSha);

  /** Pushes of any release of a model, newest first, at most {@code limit}. */
  List<PushRecord> recentPushes(String model, int limit);
}
