package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code desired set --agent ID | --selector S --pipeline P --release SHA [--model M] [--pin V]
 * [--allowed a,b] [--min-accuracy x]}: what one pipeline should run. The model is the release's (looked up)
 * unless {@code --model} says it. Exit 2 when the selector matched agents but none could take it.
 */
@Command(name = "desired", mixinStandardHelpOptions = true, description = "Set agents' desired state.",
    subcommands = {DesiredCommand.Set.class})
public final class DesiredCommand {

  /** Exactly one target. */
  static final class Target {
    @Option(names = "--agent", required = true, paramLabel = "ID", description = "one agent")
    String agent;

    @Option(names = "--selector", required = true, paramLabel = "S",
        description = "every agent the label selector matches, now and later (\"\" = all)")
    String selector;
  }

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a pipeline's release and bounds.")
  static final class Set extends RestCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--pipeline", required = true, paramLabel = "P", description = "pipeline name")
    String pipeline;

    @Option(names = "--release", required = true, paramLabel = "SHA", description = "release to install")
    String release;

    @Option(names = "--model", paramLabel = "M", description = "the pipeline's model (default: the release's)")
    String model;

    @Option(names = "--pin", paramLabel = "V", description = "serve this variant regardless of resources")
    String pin;

    @Option(names = "--allowed", split = ",", paramLabel = "a,b", description = "variants the policy may pick")
    List<String> allowed;

    @Option(names = "--min-accuracy", paramLabel = "x", description = "lowest accuracy the policy may pick (0..1)")
    Double minAccuracy;

    @Override
    void run(RestClient client) throws Stop, IOException, InterruptedException {
      String m = model != null ? model : modelOf(client, release);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", pipeline);
      p.put("model", m);
      p.put("releaseSha", release);
      if (pin != null || allowed != null || minAccuracy != null) {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("allowed", allowed == null ? List.of() : allowed);
        bounds.put("pinned", pin);
        bounds.put("minAccuracy", minAccuracy == null ? 0.0 : minAccuracy);
        p.put("bounds", bounds);
      }
      Map<String, Object> body = Map.of("pipelines", List.of(p));
      String path = target.agent != null ? "/agents/" + RestClient.q(target.agent) + "/desired"
          : "/desired?selector=" + RestClient.q(target.selector);
      JsonNode r = check(client.put(path, body));
      print(r, out -> {
        Table t = new Table("AGENT", "VERSION", "PUBLISHED");
        r.get("issued").forEach(i -> t.row(text(i, "agentId"), text(i, "version"), text(i, "published")));
        t.print(out);
      });
      List<String> refused = new ArrayList<>();
      r.get("rejected").forEach(x -> refused.add(text(x, "agentId") + ": " + text(x, "message")));
      refused.forEach(line -> err().println("rejected " + line));
      err().flush();
      if (r.get("issued").isEmpty() && !refused.isEmpty()) {
        throw new Stop(BAD_REQUEST, "no matching agent could take it");
      }
    }
  }

  /** The model of {@code releaseSha}, from the model registry. @throws Stop (exit 2) when no model has it */
  static String modelOf(RestClient client, String releaseSha)
      throws RestCommand.Stop, IOException, InterruptedException {
    for (JsonNode m : RestCommand.check(client.get("/models"))) {
      String name = m.get("name").asText();
      for (JsonNode r : RestCommand.check(client.get("/models/" + RestClient.q(name) + "/releases"))) {
        if (r.get("releaseSha").asText().equals(releaseSha)) return name;
      }
    }
    throw new RestCommand.Stop(RestCommand.BAD_REQUEST, "release " + releaseSha
        + " is not in the model registry (push it first, or"
        + " give --model)");
  }
}
