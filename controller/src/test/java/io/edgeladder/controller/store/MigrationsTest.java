package io.edgeladder.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.jdbc.Database;
import io.edgeladder.controller.store.jdbc.Migrations;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema migrations on both databases: fresh, repeated, tampered, and newer than the code. */
@ParameterizedClass
@EnumSource(TestBackend.class)
class MigrationsTest {
  private final TestBackend backend;
  @TempDir Path dir;
  private TestDatabase database;
  private Path scripts;

  MigrationsTest(TestBackend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void copyScripts() throws IOException, URISyntaxException {
    database = TestDatabase.create(backend, dir.resolve("db"));
    scripts = Files.createDirectories(dir.resolve("migrations"));
    Path shipped = Path.of(getClass().getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(shipped)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, scripts.resolve(f.getFileName()));
      }
    }
  }

  @AfterEach
  void drop() {
    database.close();
  }

  private Database open() {
    return Database.open(database.config(), "filesystem:" + scripts);
  }

  @Test
  void migrate_emptyDatabase_appliesEveryVersionInOrderThenNothing() throws SQLException {
    try (Database db = Database.open(database.config())) {
      assertThat(history(db)).containsExactly("1 agents true", "2 models true", "3 desired state true",
          "4 rollouts true", "5 kpi history prune index true");
      assertThat(count(db, "SELECT COUNT(*) FROM agent")).isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM rollout_event")).isZero();
    }
    try (Database db = Database.open(database.config())) {
      assertThat(Migrations.migrate(db.dataSource(), Migrations.LOCATION)).isZero();
      assertThat(history(db)).hasSize(5);
    }
  }

  @Test
  void migrate_appliedScriptChangedAfterwards_refusedWithChecksumMismatch() throws IOException {
    open().close();
    Files.writeString(scripts.resolve("V2__models.sql"),
        "\nCREATE INDEX sneaky ON model (created_at);\n", StandardOpenOption.APPEND);

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("migration refused")
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("2");
  }

  @Test
  void migrate_databaseNewerThanCode_refused() throws IOException, SQLException {
    Path future = scripts.resolve("V6__future.sql");
    Files.writeString(future, "CREATE TABLE future_table (id INT PRIMARY KEY);\n");
    try (Database db = open()) {
      assertThat(history(db)).hasSize(6);
    }
    Files.delete(future);

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("migration refused")
        .hasMessageContaining("not resolved locally");
  }

  @Test
  void migrate_newVersionAddedLater_appliesOnlyIt() throws IOException, SQLException {
    open().close();
    Files.writeString(scripts.resolve("V6__more.sql"), "ALTER TABLE model ADD COLUMN note TEXT;\n");

    try (Database db = open()) {
      assertThat(history(db)).hasSize(6).last().isEqualTo("6 more true");
      assertThat(count(db, "SELECT COUNT(note) FROM model")).isZero();
    }
  }

  private static List<String> history(Database db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, success FROM flyway_schema_history"
            + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
      }
      c.commit();
    }
    return rows;
  }

  private static long count(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long n = rs.getLong(1);
      c.commit();
      return n;
    }
  }
}
