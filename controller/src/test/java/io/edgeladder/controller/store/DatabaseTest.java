package io.edgeladder.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.jdbc.Database;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Transactions: commit, rollback on failure, retry of transient conflicts only. */
@ParameterizedClass
@EnumSource(TestBackend.class)
class DatabaseTest extends StoreTestBase {
  DatabaseTest(TestBackend backend) {
    super(backend);
  }

  private Database db() {
    return store.database();
  }

  private long models() {
    return db().transaction("count", c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM model")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static void insertModel(java.sql.Connection c, String name) throws SQLException {
    c.createStatement().executeUpdate(
        "INSERT INTO model (name, created_at) VALUES ('" + name + "', CURRENT_TIMESTAMP)");
  }

  @Test
  void transaction_serializationFailureOnce_retriedCountedAndCommittedOnce() {
    AtomicInteger attempts = new AtomicInteger();

    String result = db().transaction("flaky step", c -> {
      insertModel(c, "m");
      if (attempts.incrementAndGet() == 1) {
        throw new SQLException("could not serialize access", "40001");
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(2);
    assertThat(db().retries()).isEqualTo(1);
    assertThat(models()).isEqualTo(1);
  }

  @Test
  void transaction_persistentConflict_givesUpAfterFiveAttempts() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> db().transaction("hopeless step", c -> {
      attempts.incrementAndGet();
      throw new SQLException("deadlock detected", "40P01");
    })).isInstanceOf(StoreException.class).hasMessageContaining("hopeless step failed")
        .hasMessageContaining("deadlock detected");
    assertThat(attempts).hasValue(5);
  }

  @Test
  void transaction_otherSqlFailure_rolledBackWrappedNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> db().transaction("store model m", c -> {
      attempts.incrementAndGet();
      insertModel(c, "m");
      insertModel(c, "m");
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("store model m failed on jdbc:")
        .hasCauseInstanceOf(SQLException.class);
    assertThat(attempts).hasValue(1);
    assertThat(models()).isZero();
  }

  @Test
  void transaction_runtimeException_rolledBackAndPropagated() {
    assertThatThrownBy(() -> db().transaction("validated step", c -> {
      insertModel(c, "m");
      throw new NotFoundException("release x");
    })).isInstanceOf(NotFoundException.class).hasMessage("release x does not exist");
    assertThat(models()).isZero();
  }

  @Test
  void open_nothingListening_storeExceptionNamingTheUrl() {
    DatabaseConfig nowhere = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/test", "postgres", "", 1);

    assertThatThrownBy(() -> Database.open(nowhere)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open database jdbc:postgresql://127.0.0.1:1/test");
  }
}
