package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.ConflictException;
import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.Require;
import io.edgeladder.controller.store.models.ModelRecord;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.PushRecord;
import io.edgeladder.controller.store.models.PushTarget;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link ModelRegistry} on plain JDBC, the same SQL on H2 and PostgreSQL. Thread-safe. */
public final class JdbcModelRegistry implements ModelRegistry {
  private final Database db;
  private final Clock clock;

  public JdbcModelRegistry(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public ModelRecord createModel(String name) {
    Require.id("model", name, 128);
    Instant now = Require.micros("clock", clock.instant());
    return db.transaction("create model " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO model (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
        Rows.bind(ps, name, now).executeUpdate();
      }
      return model(c, name).orElseThrow();
    });
  }

  @Override
  public Optional<ModelRecord> model(String name) {
    return db.transaction("read model " + name, c -> model(c, name));
  }

  @Override
  public List<ModelRecord> models() {
    return db.transaction("list models", c -> Query.list(c,
        "SELECT name, created_at FROM model ORDER BY name",
        rs -> new ModelRecord(rs.getString(1), Rows.instant(rs, "created_at"))));
  }

  @Override
  public boolean putRelease(ReleaseRecord r) {
    return db.transaction("store release " + r.releaseSha(), c -> {
      if (model(c, r.model()).isEmpty()) {
        throw new NotFoundException("model " + r.model() + " (release " + r.releaseSha() + ")");
      }
      int inserted;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO model_release (release_sha, model, created_at, signed_release, ladder_json)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        inserted = Rows.bind(ps, r.releaseSha(), r.model(), r.createdAt(), r.signedReleaseBytes(),
            r.ladderJson()).executeUpdate();
      }
      if (inserted == 0) {
        ReleaseRecord existing = ReleaseRows.find(c, r.releaseSha()).orElseThrow();
        if (!existing.model().equals(r.model()) || !existing.signedRelease().equals(r.signedRelease())) {
          throw new ConflictException("release " + r.releaseSha() + " is stored with other content"
              + " (model " + existing.model() + ", " + existing.signedRelease().remaining() + " bytes)");
        }
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO release_artifact (release_sha, ordinal, variant_id, sha256, size_bytes)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        int i = 0;
        for (ReleaseArtifact a : r.artifacts()) {
          Rows.bind(ps, r.releaseSha(), i++, a.variantId(), a.sha256(), a.size()).addBatch();
        }
        ps.executeBatch();
      }
      return true;
    });
  }

  @Override
  public Optional<ReleaseRecord> release(String releaseSha) {
    return db.transaction("read release " + releaseSha, c -> ReleaseRows.find(c, releaseSha));
  }

  @Override
  public Optional<ReleaseRecord> latestRelease(String model) {
    return db.transaction("latest release of " + model,
        c -> ReleaseRows.ofModel(c, model, 1).stream().findFirst());
  }

  @Override
  public List<ReleaseRecord> releases(String model) {
    return db.transaction("releases of " + model, c -> ReleaseRows.ofModel(c, model, Integer.MAX_VALUE));
  }

  @Override
  public Set<String> referencedArtifacts() {
    return db.transaction("referenced artifacts", c -> new TreeSet<>(Query.list(c,
        "SELECT DISTINCT sha256 FROM release_artifact", rs -> rs.getString(1))));
  }

  @Override
  public PushRecord recordPush(String releaseSha, PushTarget target, String rolloutId) {
    Instant now = Require.micros("clock", clock.instant());
    PushRecord unsaved = new PushRecord(0, releaseSha, target, now, rolloutId); // validates
    return db.transaction("record push of " + releaseSha, c -> {
      if (ReleaseRows.find(c, releaseSha).isEmpty()) {
        throw new NotFoundException("release " + releaseSha);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO release_push (release_sha, target_kind, target, rollout_id, pushed_at)"
              + " VALUES (?, ?, ?, ?, ?)", new String[] {"push_id"})) {
        Rows.bind(ps, releaseSha, target.kind().name(), target.value(), rolloutId, now).executeUpdate();
        return new PushRecord(Query.generatedId(ps), releaseSha, target, now, unsaved.rolloutId());
      }
    });
  }

  @Override
  public List<PushRecord> pushes(String releaseSha) {
    return db.transaction("pushes of " + releaseSha, c -> Query.list(c,
        "SELECT * FROM release_push WHERE release_sha = ? ORDER BY push_id", JdbcModelRegistry::push,
        releaseSha));
  }

  @Override
  public List<PushRecord> recentPushes(String model, int limit) {
    return db.transaction("recent pushes of " + model, c -> Query.list(c,
        "SELECT p.* FROM release_push p JOIN model_release r ON r.release_sha = p.release_sha"
            + " WHERE r.model = ? ORDER BY p.push_id DESC LIMIT ?", JdbcModelRegistry::push,
        model, limit));
  }

  private static Optional<ModelRecord> model(Connection c, String name) throws SQLException {
    return Query.list(c, "SELECT name, created_at FROM model WHERE name = ?",
        rs -> new ModelRecord(rs.getString(1), Rows.instant(rs, "created_at")), name)
        .stream().findFirst();
  }

  private static PushRecord push(ResultSet rs) throws SQLException {
    return new PushRecord(rs.getLong("push_id"), rs.getString("release_sha"),
        new PushTarget(PushTarget.Kind.valueOf(rs.getString("target_kind")), rs.getString("target")),
        Rows.instant(rs, "pushed_at"), rs.getString("rollout_id"));
  }
}
