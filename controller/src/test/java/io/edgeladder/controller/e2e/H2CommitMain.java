package io.edgeladder.controller.e2e;

import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.fleet.FleetSettings;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Child process of {@link H2KillIT}: opens the controller's embedded database in {@code args[0]}, issues
 * {@code args[1]} desired states to agent {@code gw-kill} (each its own committed transaction), prints
 * {@code issued N} and then waits to be killed, never closing the database.
 */
public final class H2CommitMain {
  private H2CommitMain() {}

  public static void main(String[] args) throws Exception {
    Store store = Store.open(DatabaseConfig.embedded(Path.of(args[0])), FleetSettings.ofDefaults(), Clock.systemUTC());
    int n = Integer.parseInt(args[1]);
    long version = 0;
    for (int i = 0; i < n; i++) {
      version = store.desiredStates().issue("gw-kill", v -> "{\"version\":" + v + "}").version();
    }
    System.out.println("issued " + version);
    System.out.flush();
    Thread.sleep(60_000);
  }
}
