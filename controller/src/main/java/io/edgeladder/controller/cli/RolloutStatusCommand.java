package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rollout status [ID]}: every rollout (newest first), or one with its stages, gates and events. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Rollouts, or one rollout in detail.")
final class RolloutStatusCommand extends RestCommand {
  @Parameters(arity = "0..1", paramLabel = "ID", description = "a rollout id (default: list them all)")
  String id;

  @Override
  void run(RestClient client) throws Stop, IOException, InterruptedException {
    if (id == null) {
      JsonNode list = check(client.get("/rollouts"));
      print(list, out -> {
        Table t = new Table("ROLLOUT", "MODEL", "RELEASE", "STATE", "PHASE", "STAGE", "UPDATED");
        for (JsonNode r : list) {
          t.row(text(r, "id"), text(r, "model"), shortSha(text(r, "releaseSha")), text(r, "state"), text(r, "phase"),
              text(r, "stage"), text(r, "updatedAt"));
        }
        t.print(out);
      });
      return;
    }
    JsonNode r = check(client.get("/rollouts/" + RestClient.q(id)));
    print(r, out -> detail(r, out));
  }

  static void detail(JsonNode r, PrintWriter out) {
    JsonNode plan = r.get("plan");
    out.println("rollout:   " + text(r, "id") + " of " + text(r, "model"));
    out.println("release:   " + text(r, "releaseSha") + " (previous " + text(r, "previousReleaseSha") + ")");
    out.println("state:     " + text(r, "state") + ", phase " + text(r, "phase") + ", stage " + text(r, "stage")
        + (r.get("reason").isNull() ? "" : " (" + text(r, "reason") + ")"));
    out.println("plan:      selector '" + text(plan, "selector") + "', canary " + text(plan, "canary") + ", waves "
        + plan.get("waves") + ", soak " + text(plan, "soak"));
    Table agents = new Table("AGENT", "STAGE", "STATE", "DESIRED VERSION");
    r.get("assignments").forEach(a -> agents.row(text(a, "agentId"), text(a, "stage"), text(a, "state"),
        text(a, "desiredVersion")));
    agents.print(out);
    if (!r.get("gateResults").isEmpty()) {
      Table gates = new Table("STAGE", "GATE", "PASSED", "OBSERVED", "THRESHOLD");
      r.get("gateResults").forEach(g -> gates.row(text(g, "stage"), text(g, "gate"), text(g, "passed"),
          text(g, "observed"), text(g, "threshold")));
      gates.print(out);
    }
    out.println("events:");
    r.get("events").forEach(e -> out.println("  " + text(e, "at") + "  " + text(e, "type")
        + (e.get("detail").isNull() ? "" : "  " + e.get("detail"))));
  }
}
