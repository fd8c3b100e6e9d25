package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads releases with their artifacts. */
final class ReleaseRows {
  private static final String COLUMNS =
      "release_sha, model, created_at, signed_release, ladder_json, stored_seq";

  private ReleaseRows() {}

  static Optional<ReleaseRecord> find(Connection c, String releaseSha) throws SQLException {
    List<ReleaseRecord> found = withArtifacts(c, Query.list(c,
        "SELECT " + COLUMNS + " FROM model_release WHERE release_sha = ?", ReleaseRows::row,
        releaseSha));
    return found.stream().findFirst();
  }

  /** Newest first: by createdAt, ties by storage order. */
  static List<ReleaseRecord> ofModel(Connection c, String model, int limit) throws SQLException {
    return withArtifacts(c, Query.list(c,
        "SELECT " + COLUMNS + " FROM model_release WHERE model = ?"
            + " ORDER BY created_at DESC, stored_seq DESC LIMIT ?", ReleaseRows::row, model, limit));
  }

  private static ReleaseRecord row(ResultSet rs) throws SQLException {
    return new ReleaseRecord(rs.getString("release_sha"), rs.getString("model"),
        Rows.instant(rs, "created_at"), ByteBuffer.wrap(rs.getBytes("signed_release")),
        rs.getString("ladder_json"), List.of());
  }

  private static List<ReleaseRecord> withArtifacts(Connection c, List<ReleaseRecord> releases)
      throws SQLException {
    List<ReleaseRecord> out = new ArrayList<>(releases.size());
    for (ReleaseRecord r : releases) {
      List<ReleaseArtifact> artifacts = Query.list(c,
          "SELECT variant_id, sha256, size_bytes FROM release_artifact WHERE release_sha = ?"
              + " ORDER BY ordinal",
          rs -> new ReleaseArtifact(rs.getString(1), rs.getString(2), rs.getLong(3)), r.releaseSha());
      out.add(new ReleaseRecord(r.releaseSha(), r.model(), r.createdAt(), r.signedRelease(),
          r.ladderJson(), artifacts));
    }
    return out;
  }
}
