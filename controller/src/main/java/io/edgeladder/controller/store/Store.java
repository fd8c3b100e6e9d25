package io.edgeladder.controller.store;

import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.controller.store.jdbc.Database;
import io.edgeladder.controller.store.jdbc.JdbcAgentRegistry;
import io.edgeladder.controller.store.jdbc.JdbcDesiredStateStore;
import io.edgeladder.controller.store.jdbc.JdbcModelRegistry;
import io.edgeladder.controller.store.jdbc.JdbcRolloutStore;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.rollout.RolloutStore;
import java.time.Clock;

/**
 * The controller's database and its repositories. {@link #open} connects (embedded H2 file or
 * PostgreSQL), migrates the schema and hands out one thread-safe instance of each repository.
 * Owns the connection pool: {@link #close()} releases it (and the H2 file lock).
 */
public final class Store implements AutoCloseable {
  private final Database db;
  private final AgentRegistry agents;
  private final ModelRegistry models;
  private final DesiredStateStore desired;
  private final RolloutStore rollouts;

  private Store(Database db, Clock clock, FleetSettings fleet) {
    this.db = db;
    this.agents = new JdbcAgentRegistry(db, clock, fleet);
    this.models = new JdbcModelRegistry(db, clock);
    this.desired = new JdbcDesiredStateStore(db, clock);
    this.rollouts = new JdbcRolloutStore(db, clock);
  }

  /**
   * Opens and migrates the database.
   *
   * @param clock wall clock for every timestamp the repositories write
   * @throws StoreException if the database cannot be reached or its schema is newer than this code
   *     or was altered after migration
   */
  public static Store open(DatabaseConfig config, FleetSettings fleet, Clock clock) {
    return new Store(Database.open(config), clock, fleet);
  }

  public AgentRegistry agents() {
    return agents;
  }

  public ModelRegistry models() {
    return models;
  }

  public DesiredStateStore desiredStates() {
    return desired;
  }

  public RolloutStore rollouts() {
    return rollouts;
  }

  /** The underlying database (pool and transactions), for tools and tests. */
  public Database database() {
    return db;
  }

  @Override
  public void close() {
    db.close();
  }
}
