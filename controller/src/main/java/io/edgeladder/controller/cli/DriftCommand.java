package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drift [--selector S] [--all]}: agents that do not (yet) run what they were told. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Agents whose reported state differs from their desired state.")
public final class DriftCommand extends RestCommand {
  @Option(names = "--selector", paramLabel = "S", description = "label selector")
  String selector;

  @Option(names = "--all", description = "also list agents in sync")
  boolean all;

  @Override
  void run(RestClient client) throws Stop, IOException, InterruptedException {
    String query = "?all=" + all + (selector == null ? "" : "&selector=" + RestClient.q(selector));
    JsonNode agents = check(client.get("/drift" + query));
    print(agents, out -> {
      Table t = new Table("AGENT", "ONLINE", "DESIRED", "REPORTED", "STATE", "DIFFERENCES");
      for (JsonNode a : agents) {
        JsonNode d = a.get("drift");
        t.row(text(a, "agentId"), a.get("online").asBoolean() ? "yes" : "no", text(d, "desiredVersion"),
            text(d, "reportedVersion"), text(d, "reportedState"),
            d.get("differences").isEmpty() ? "in sync" : String.join("; ", RestClient.JSON.convertValue(
                d.get("differences"), String[].class)));
      }
      t.print(out);
    });
  }
}
