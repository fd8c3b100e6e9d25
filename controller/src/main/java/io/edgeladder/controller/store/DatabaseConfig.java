package io.edgeladder.controller.store;

import java.nio.file.Path;

/**
 * Where the controller's database lives. Two kinds are supported: the embedded H2 file database
 * (default, zero setup) and PostgreSQL.
 *
 * @param jdbcUrl {@code jdbc:h2:file:...} or {@code jdbc:postgresql://...}; an H2 URL gets the
 *     compatibility settings the schema needs appended (see {@link #EMBEDDED_OPTIONS})
 * @param user database user, {@code null} to take it from the URL or the driver default
 * @param password database password, {@code null} for none
 * @param maxPoolSize connections in the pool, at least 1
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int maxPoolSize) {
  /**
   * H2 settings that make it accept the PostgreSQL-flavoured schema and behave like PostgreSQL:
   * lower-case unquoted identifiers, NULLs sorted last, {@code ON CONFLICT DO NOTHING}. H2's own
   * shutdown hook is off: the controller closes the pool itself, after its ingest lanes have drained
   * (with the hook, Ctrl-C closed the database under them: "Database is already closed").
   * {@code WRITE_DELAY=0}: every commit is in the file (the OS's page cache) before it returns. With H2's default
   * (500 ms, written by a background thread) a controller killed with SIGKILL lost the transactions of its last
   * half second although it had already acted on them, e.g. a desired version published to an agent and then
   * issued again, with other content, under the same number, which the agent ignores as stale (issue 6; H2KillIT:
   * 0 of 3 commits survived a kill 10 ms after them). Not fsynced: a power loss can still take the last ones.
   */
  public static final String EMBEDDED_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
      + ";QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

  public DatabaseConfig {
    Require.present("database url", jdbcUrl);
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database url must start with jdbc:h2: or jdbc:postgresql: but was " + jdbcUrl);
    }
    if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";MODE=")) {
      jdbcUrl = jdbcUrl + EMBEDDED_OPTIONS;
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("database maxPoolSize must be >= 1 but was " + maxPoolSize);
    }
  }

  /** The embedded database: {@code {dataDir}/controller.mv.db}. */
  public static DatabaseConfig embedded(Path dataDir) {
    String file = dataDir.toAbsolutePath().resolve("controller").toString();
    return new DatabaseConfig("jdbc:h2:file:" + file, "sa", "", 4);
  }

  /** PostgreSQL (or an explicit H2 URL) with a pool of 8. */
  public static DatabaseConfig of(String jdbcUrl, String user, String password) {
    return new DatabaseConfig(jdbcUrl, user, password, 8);
  }

  public boolean embeddedH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + jdbcUrl + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
  }
}
