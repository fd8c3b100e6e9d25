package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Versioned schema migrations ({@code V{n}__name.sql} under {@value #LOCATION}) run with Flyway on
 * both databases; the history is the {@code flyway_schema_history} table. Before migrating, every
 * applied migration is validated: a script whose checksum changed after it was applied, or an
 * applied version this code does not know (a database newer than the code), refuses to start.
 * PostgreSQL runs each migration in a transaction; H2 commits DDL as it goes, so a failed migration
 * there leaves a partially applied version that the next start reports as failed.
 */
public final class Migrations {
  /** Where the controller's migrations live on the classpath. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /**
   * Brings the schema up to the newest migration in {@code locations}.
   *
   * @param locations Flyway locations, e.g. {@link #LOCATION} or {@code filesystem:/path}
   * @return how many migrations were applied (0 when the schema was current)
   * @throws StoreException naming the reason when validation or a migration fails
   */
  public static int migrate(DataSource dataSource, String... locations) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(locations)
            .failOnMissingLocations(true)
            .validateMigrationNaming(true)
            .ignoreMigrationPatterns(new String[0]) // nothing ignored: future, missing, failed refuse
            .load();
    try {
      MigrateResult result = flyway.migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreException("database schema migration refused: " + e.getMessage(), e);
    }
  }
}
