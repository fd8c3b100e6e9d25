package io.edgeladder.controller.store;

import io.edgeladder.controller.store.fleet.FleetSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a {@link Store} on the backend the parameterized test class runs with, and closes it (and
 * drops the PostgreSQL schema) after each test.
 */
public abstract class StoreTestBase {
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  public static final FleetSettings FLEET =
      new FleetSettings(Duration.ofSeconds(15), Duration.ofMinutes(10));

  protected final TestBackend backend;
  protected final MutableClock clock = new MutableClock(T0);
  @TempDir protected Path dir;
  protected TestDatabase database;
  protected Store store;

  protected StoreTestBase(TestBackend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void openStore() {
    database = TestDatabase.create(backend, dir);
    store = Store.open(database.config(), FLEET, clock);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** Closes the store and opens it again on the same database (a controller restart). */
  protected void restart() {
    store.close();
    store = Store.open(database.config(), FLEET, clock);
  }
}
