package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollout pause|resume|abort ID}: operator actions; each prints the rollout afterwards. */
final class RolloutActions {
  private RolloutActions() {}

  /** Posts {@code /rollouts/{id}/{action}} and prints the rollout. */
  abstract static class Action extends RestCommand {
    @Parameters(paramLabel = "ID", description = "rollout id")
    String id;

    abstract String action();

    String reason() {
      return null;
    }

    @Override
    void run(RestClient client) throws Stop, IOException, InterruptedException {
      Object body = reason() == null ? null : Map.of("reason", reason());
      JsonNode r = check(client.post("/rollouts/" + RestClient.q(id) + "/" + action(), body));
      print(r, out -> out.println("rollout " + text(r, "id") + ": " + text(r, "state") + " (phase "
          + text(r, "phase") + ")"));
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Hold a rollout where it is.")
  static final class Pause extends Action {
    @Option(names = "--reason", paramLabel = "TEXT", description = "recorded in the rollout's history")
    String reason;

    @Override
    String action() {
      return "pause";
    }

    @Override
    String reason() {
      return reason;
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a paused rollout.")
  static final class Resume extends Action {
    @Override
    String action() {
      return "resume";
    }
  }

  @Command(name = "abort", mixinStandardHelpOptions = true, description = "Stop and roll back a rollout.")
  static final class Abort extends Action {
    @Option(names = "--reason", paramLabel = "TEXT", description = "recorded in the rollout's history")
    String reason;

    @Override
    String action() {
      return "abort";
    }

    @Override
    String reason() {
      return reason;
    }
  }
}
