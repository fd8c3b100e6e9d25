package io.edgeladder.controller.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * One test's database: an H2 file in the test's temp dir, or a fresh schema {@code t_<random>} in
 * the PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres, database test) that {@link #close()}
 * drops. {@link #config()} names the same database every time, so a test can close and reopen it.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String PG_HOST = "127.0.0.1";
  public static final int PG_PORT = 5432;
  private static final String PG_URL = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/test";
  private static volatile String pgUnreachable;
  private static volatile boolean pgChecked;

  private final TestBackend backend;
  private final Path dir;
  private final String schema;

  private TestDatabase(TestBackend backend, Path dir, String schema) {
    this.backend = backend;
    this.dir = dir;
    this.schema = schema;
  }

  /**
   * Creates the database; for PostgreSQL aborts the test (skipped, with the reason) when nothing
   * listens on 127.0.0.1:5432.
   */
  public static TestDatabase create(TestBackend backend, Path dir) {
    if (backend == TestBackend.H2) {
      return new TestDatabase(backend, dir, null);
    }
    String unreachable = pgUnreachable();
    Assumptions.assumeTrue(unreachable == null,
        () -> "PostgreSQL tests skipped: nothing listens on " + PG_HOST + ":" + PG_PORT + " (" + unreachable + ")");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    admin("CREATE SCHEMA " + schema);
    return new TestDatabase(backend, dir, schema);
  }

  public DatabaseConfig config() {
    if (backend == TestBackend.H2) {
      return DatabaseConfig.embedded(dir);
    }
    return new DatabaseConfig(PG_URL + "?currentSchema=" + schema, "postgres", "", 4);
  }

  public TestBackend backend() {
    return backend;
  }

  @Override
  public void close() {
    if (schema != null) {
      admin("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  private static synchronized String pgUnreachable() {
    if (!pgChecked) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(PG_HOST, PG_PORT), 1000);
      } catch (IOException e) {
        pgUnreachable = e.toString();
      }
      pgChecked = true;
    }
    return pgUnreachable;
  }
}
