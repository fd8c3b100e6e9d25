package io.edgeladder.controller.e2e;

import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FleetInstallIT}'s main scenario with the registry on the PostgreSQL at 127.0.0.1:5432 (a schema of its
 * own, dropped afterwards): a ladder pushed to a label selector is installed, verified and served by three
 * real agents. Skipped, with the reason, when nothing listens there.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FleetPostgresIT {
  @TempDir Path dir;

  @Test
  void ladder_pushedToSelector_installedVerifiedAndServedByAllThree_onPostgres() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestBackend.POSTGRESQL, dir.resolve("db"));
        FleetRig rig = FleetRig.start(dir, db.config())) {
      FleetInstallIT.installedByAllThree(rig);
    }
  }
}
