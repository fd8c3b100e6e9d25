package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.Require;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.NewEvent;
import io.edgeladder.controller.store.rollout.NewRollout;
import io.edgeladder.controller.store.rollout.RolloutEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.RolloutStore;
import io.edgeladder.controller.store.rollout.RolloutUpdate;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RolloutStore} on plain JDBC. {@link #save} is one transaction guarded by the rollout row's
 * version ({@code UPDATE ... WHERE version = ?}). Thread-safe.
 */
public final class JdbcRolloutStore implements RolloutStore {
  private final Database db;
  private final Clock clock;

  public JdbcRolloutStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public RolloutRecord create(NewRollout n) {
    Instant now = now();
    RolloutRecord r = new RolloutRecord(UUID.randomUUID().toString(), n.model(), n.releaseSha(),
        n.previousReleaseSha(), n.planJson(), RolloutState.PENDING, 0, null, now, now, 1);
    return db.transaction("create rollout of " + n.releaseSha(), c -> {
      requireRelease(c, n.model(), n.releaseSha(), "release");
      if (n.previousReleaseSha() != null) {
        requireRelease(c, n.model(), n.previousReleaseSha(), "previous release");
      }
      Query.update(c, "INSERT INTO rollout (rollout_id, model, release_sha, previous_release_sha,"
              + " plan_json, state, current_stage, reason, created_at, updated_at, version)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          r.id(), r.model(), r.releaseSha(), r.previousReleaseSha(), r.planJson(), r.state().name(),
          r.currentStage(), r.reason(), now, now, r.version());
      RolloutRows.appendEvent(c, r.id(), new NewEvent("created", null), now);
      return r;
    });
  }

  @Override
  public Optional<RolloutRecord> find(String id) {
    return db.transaction("read rollout " + id, c -> RolloutRows.find(c, id));
  }

  @Override
  public List<RolloutRecord> list(int limit) {
    return db.transaction("list rollouts", c -> Query.list(c,
        "SELECT * FROM rollout ORDER BY created_at DESC, rollout_id LIMIT ?", RolloutRows::rollout,
        limit));
  }

  @Override
  public List<RolloutRecord> unfinished() {
    return db.transaction("unfinished rollouts", c -> Query.list(c,
        "SELECT * FROM rollout WHERE state NOT IN ('ROLLED_BACK', 'COMPLETED', 'ABORTED')"
            + " ORDER BY created_at, rollout_id", RolloutRows::rollout));
  }

  @Override
  public RolloutRecord save(RolloutUpdate u) {
    RolloutRecord r = u.rollout();
    Instant now = now();
    return db.transaction("save rollout " + r.id(), c -> {
      int updated = Query.update(c, "UPDATE rollout SET plan_json = ?, state = ?, current_stage = ?,"
              + " reason = ?, updated_at = ?, version = version + 1 WHERE rollout_id = ? AND version = ?",
          r.planJson(), r.state().name(), r.currentStage(), r.reason(), now, r.id(), r.version());
      if (updated == 0) {
        if (RolloutRows.find(c, r.id()).isEmpty()) {
          throw new NotFoundException("rollout " + r.id());
        }
        throw new ConcurrentUpdateException("rollout " + r.id(), r.version());
      }
      for (StageAssignment a : u.assignments()) {
        RolloutRows.putAssignment(c, r.id(), a);
      }
      for (GateResult g : u.gateResults()) {
        RolloutRows.appendGate(c, r.id(), g);
      }
      for (NewEvent e : u.events()) {
        RolloutRows.appendEvent(c, r.id(), e, now);
      }
      return RolloutRows.find(c, r.id()).orElseThrow();
    });
  }

  @Override
  public List<StageAssignment> assignments(String rolloutId) {
    return db.transaction("assignments of rollout " + rolloutId, c -> Query.list(c,
        "SELECT * FROM rollout_agent WHERE rollout_id = ? ORDER BY stage, agent_id",
        RolloutRows::assignment, rolloutId));
  }

  @Override
  public List<GateResult> gateResults(String rolloutId) {
    return db.transaction("gate results of rollout " + rolloutId, c -> Query.list(c,
        "SELECT * FROM rollout_gate WHERE rollout_id = ? ORDER BY gate_id", RolloutRows::gate,
        rolloutId));
  }

  @Override
  public RolloutEvent appendEvent(String rolloutId, NewEvent event) {
    Instant now = now();
    return db.transaction("append event to rollout " + rolloutId, c -> {
      if (RolloutRows.find(c, rolloutId).isEmpty()) {
        throw new NotFoundException("rollout " + rolloutId);
      }
      return RolloutRows.appendEvent(c, rolloutId, event, now);
    });
  }

  @Override
  public List<RolloutEvent> events(String rolloutId, long afterId) {
    return db.transaction("events of rollout " + rolloutId, c -> Query.list(c,
        "SELECT * FROM rollout_event WHERE rollout_id = ? AND event_id > ? ORDER BY event_id",
        RolloutRows::event, rolloutId, afterId));
  }

  private static void requireRelease(Connection c, String model, String sha, String what)
      throws SQLException {
    List<String> models = Query.list(c, "SELECT model FROM model_release WHERE release_sha = ?",
        rs -> rs.getString(1), sha);
    if (models.isEmpty()) {
      throw new NotFoundException(what + " " + sha);
    }
    if (!models.get(0).equals(model)) {
      throw new IllegalArgumentException(
          what + " " + sha + " belongs to model " + models.get(0) + ", not " + model);
    }
  }

  private Instant now() {
    return Require.micros("clock", clock.instant());
  }
}
