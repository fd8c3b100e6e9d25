package io.edgeladder.controller.store.rollout;

import java.util.List;
import java.util.Optional;

/**
 * Rollout records with optimistic versioning, per-agent stage assignments, gate results and an
 * append-only event log: enough for the rollout engine to resume after a controller restart.
 *
 * <p>Thread-safe. Every method throws {@link io.edgeladder.controller.store.StoreException} when
 * the database fails.
 */
public interface RolloutStore {

  /**
   * Creates a rollout (state {@code PENDING}, stage 0, version 1) and appends a {@code created}
   * event.
   *
   * @throws io.edgeladder.controller.store.NotFoundException if the model, the release or the
   *     previous release is not in the model registry
   */
  RolloutRecord create(NewRollout rollout);

  Optional<RolloutRecord> find(String id);

  /** Rollouts, newest first, at most {@code limit}. */
  List<RolloutRecord> list(int limit);

  /** Rollouts not in a terminal state, oldest first: what the engine resumes on start. */
  List<RolloutRecord> unfinished();

  /**
   * Saves one engine step atomically: the rollout's state, stage, reason and plan, the assignments,
   * gate results and events.
   *
   * @return the rollout as stored, with {@code version + 1} and a new {@code updatedAt}
   * @throws io.edgeladder.controller.store.ConcurrentUpdateException if the version is not current
   * @throws io.edgeladder.controller.store.NotFoundException if the rollout does not exist
   */
  RolloutRecord save(RolloutUpdate update);

  /** A rollout's assignments sorted by stage, then agent id. */
  List<StageAssignment> assignments(String rolloutId);

  /** A rollout's gate results in the order they were saved. */
  List<GateResult> gateResults(String rolloutId);

  /**
   * Appends an event without changing the rollout (no version check).
   *
   * @throws io.edgeladder.controller.store.NotFoundException if the rollout does not exist
   */
  RolloutEvent appendEvent(String rolloutId, NewEvent event);

  /** A rollout's events with {@code id > afterId}, oldest first. */
  List<RolloutEvent> events(String rolloutId, long afterId);
}
