package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agents list [--selector S]} and {@code agents show ID}: the fleet registry over REST. */
@Command(name = "agents", mixinStandardHelpOptions = true, description = "List and show fleet agents.",
    subcommands = {AgentsCommand.ListAgents.class, AgentsCommand.ShowAgent.class})
public final class AgentsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Agents matching a label selector.")
  static final class ListAgents extends RestCommand {
    @Option(names = "--selector", paramLabel = "S", description = "label selector, e.g. site=plant-1,tier!=test")
    String selector;

    @Override
    void run(RestClient client) throws Stop, java.io.IOException, InterruptedException {
      JsonNode agents = check(client.get("/agents" + (selector == null ? "" : "?selector=" + RestClient.q(selector))));
      print(agents, out -> {
        Table t = new Table("AGENT", "ONLINE", "LAST SEEN", "LABELS", "PIPELINES", "DRIFT");
        for (JsonNode a : agents) {
          t.row(text(a, "agentId"), a.get("online").asBoolean() ? "yes" : "no", text(a, "lastSeen"),
              labels(a.get("labels")), pipelines(a.get("pipelines")),
              a.get("drift").get("inDrift").asBoolean() ? "yes" : "no");
        }
        t.print(out);
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One agent: birth, KPIs, desired and reported state, drift.")
  static final class ShowAgent extends RestCommand {
    @Parameters(paramLabel = "ID", description = "agent id")
    String id;

    @Override
    void run(RestClient client) throws Stop, java.io.IOException, InterruptedException {
      JsonNode a = check(client.get("/agents/" + RestClient.q(id)));
      print(a, out -> show(a, out));
    }

    private static void show(JsonNode a, PrintWriter out) {
      JsonNode birth = a.get("birth");
      JsonNode hw = birth.get("hardware");
      out.println("agent:        " + text(a, "agentId") + (a.get("duplicate").isNull() ? "" : "  (DUPLICATE id)"));
      out.println("status:       " + text(a, "status") + " since " + text(a, "statusAt") + ", last seen "
          + text(a, "lastSeen"));
      out.println("incarnation:  " + text(birth, "incarnation") + " started " + text(birth, "startedAt"));
      out.println("versions:     agent " + text(birth, "agentVersion") + ", java " + text(birth, "javaVersion")
          + ", onnxruntime " + text(birth, "ortVersion"));
      out.println("hardware:     " + text(hw, "cpuModel") + ", " + text(hw, "cores") + " cores, " + text(hw, "arch")
          + ", " + text(hw, "os") + ", flags " + hw.get("cpuFlags"));
      out.println("labels:       " + labels(birth.get("labels")));
      out.println("desired:      " + (a.get("desired").isNull() ? "none" : "version " + a.get("desired").get("version")
          .asText()) + "; reported " + (a.get("reported").isNull() ? "none" : a.get("reported").get("state").asText()
          + " for version " + a.get("reported").get("desiredVersion").asText()));
      Table t = new Table("PIPELINE", "MODEL", "VARIANT", "RELEASE", "MISS RATE", "ERROR RATE", "P99 MS");
      for (JsonNode p : birth.get("pipelines")) {
        JsonNode sample = a.get("kpis").get(p.get("name").asText());
        JsonNode k = sample == null ? null : sample.get("kpis");
        t.row(text(p, "name"), text(p, "model"), k == null ? text(p, "activeVariant") : text(k, "activeVariant"),
            shortSha(text(p, "releaseSha")), k == null ? null : text(k, "missRate"),
            k == null ? null : text(k, "errorRate"), k == null ? null : text(k, "p99Ms"));
      }
      t.print(out);
      JsonNode drift = a.get("drift");
      out.println("drift:        " + (drift.get("inDrift").asBoolean() ? "yes" : "no"));
      drift.get("differences").forEach(d -> out.println("  - " + d.asText()));
    }
  }

  static String labels(JsonNode labels) {
    List<String> out = new ArrayList<>();
    labels.fields().forEachRemaining((Map.Entry<String, JsonNode> e) ->
        out.add(e.getKey() + "=" + e.getValue().asText()));
    return out.isEmpty() ? "-" : String.join(",", out);
  }

  private static String pipelines(JsonNode pipelines) {
    List<String> out = new ArrayList<>();
    pipelines.forEach(p -> out.add(p.get("name").asText() + ":" + p.get("activeVariant").asText()));
    return String.join(",", out);
  }
}
