package io.edgeladder.controller.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A migrated database behind a HikariCP pool, and the one way the repositories use it: {@link
 * #transaction}. Thread-safe; owns the pool and closes it in {@link #close()}.
 */
public final class Database implements AutoCloseable {
  /** Transient conflicts (deadlock, serialization failure, lock timeout) are retried this often. */
  static final int ATTEMPTS = 5;

  private final HikariDataSource pool;
  private final String url;
  private final LongAdder retries = new LongAdder();

  private Database(HikariDataSource pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /** Opens the pool and migrates the schema to the newest version in the code. */
  public static Database open(DatabaseConfig config) {
    return open(config, Migrations.LOCATION);
  }

  /**
   * Opens the pool and migrates with the given Flyway locations.
   *
   * @throws StoreException if the database cannot be reached or the migration is refused
   */
  public static Database open(DatabaseConfig config, String... migrationLocations) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("edgeladder-store");
    hc.setJdbcUrl(config.jdbcUrl());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.maxPoolSize());
    hc.setMinimumIdle(1);
    hc.setAutoCommit(false);
    hc.setConnectionTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open database " + config.jdbcUrl() + ": " + e.getMessage(), e);
    }
    try {
      Migrations.migrate(pool, migrationLocations);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, config.jdbcUrl());
  }

  /**
   * Runs {@code work} in a transaction and commits it. Deadlocks, serialization failures and lock
   * timeouts are retried up to {@value #ATTEMPTS} times, so {@code work} may run more than once
   * and must not have effects outside the connection.
   *
   * @param operation names the operation in error messages, e.g. {@code "heartbeat of pump-1"}
   * @throws StoreException wrapping the driver's exception, naming {@code operation}
   */
  public <T> T transaction(String operation, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollback(c, e);
          throw e;
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          retries.increment();
          continue;
        }
        throw new StoreException(operation + " failed on " + url + ": " + e.getMessage(), e);
      }
    }
  }

  /** Transactions retried after a transient conflict since open (a gauge for contention). */
  public long retries() {
    return retries.sum();
  }

  /** The pool, for tests and tools that need plain JDBC. */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    // 40xxx: transaction rollback (deadlock, serialization) on both; HYT00: H2 lock timeout.
    return state != null && (state.startsWith("40") || state.equals("HYT00"));
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
