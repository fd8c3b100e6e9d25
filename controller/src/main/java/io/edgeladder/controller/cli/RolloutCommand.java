package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rollout start|status|pause|resume|abort}. {@code start} takes the plan as options; omitted options
 * keep the controller's defaults. {@code --waves} are cumulative percents of the selected agents
 * ({@code 50,100}); a wave written {@code 3a} is a count of agents.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Staged, KPI-gated rollouts.",
    subcommands = {RolloutCommand.Start.class, RolloutStatusCommand.class, RolloutActions.Pause.class,
        RolloutActions.Resume.class, RolloutActions.Abort.class})
public final class RolloutCommand {

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a rollout of a release.")
  static final class Start extends RestCommand {
    @Option(names = "--model", required = true, paramLabel = "M") String model;
    @Option(names = "--release", required = true, paramLabel = "SHA") String release;
    @Option(names = "--previous", paramLabel = "SHA", description = "roll back to (default: what the agents run)")
    String previous;
    @Option(names = "--selector", paramLabel = "S", description = "agents (default: all running the model)")
    String selector;
    @Option(names = "--canary", paramLabel = "N", description = "canary size: 1 (agents) or 10%") String canary;
    @Option(names = "--waves", split = ",", paramLabel = "P", description = "cumulative percents, e.g. 50,100")
    List<String> waves;
    @Option(names = "--soak", paramLabel = "D", description = "per stage, e.g. 30s, 10m") String soak;
    @Option(names = "--apply-timeout", paramLabel = "D") String applyTimeout;
    @Option(names = "--max-miss-rate", paramLabel = "x") Double maxMissRate;
    @Option(names = "--max-error-rate", paramLabel = "x") Double maxErrorRate;
    @Option(names = "--max-p99-ratio", paramLabel = "x") Double maxP99Ratio;
    @Option(names = "--min-heartbeats", paramLabel = "N") Integer minHeartbeats;
    @Option(names = "--heartbeat-timeout", paramLabel = "D") String heartbeatTimeout;
    @Option(names = "--pin", paramLabel = "V") String pin;
    @Option(names = "--allowed", split = ",", paramLabel = "a,b") List<String> allowed;
    @Option(names = "--min-accuracy", paramLabel = "x") Double minAccuracy;

    @Override
    void run(RestClient client) throws Stop, IOException, InterruptedException {
      JsonNode r = check(client.post("/rollouts", plan()));
      print(r, out -> out.println("rollout " + text(r, "id") + " of " + text(r, "model") + " release "
          + text(r, "releaseSha") + " created: " + text(r, "state") + " (previous release "
          + text(r, "previousReleaseSha") + ")"));
    }

    Map<String, Object> plan() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("model", model);
      p.put("releaseSha", release);
      put(p, "previousReleaseSha", previous);
      put(p, "selector", selector);
      put(p, "canary", canary);
      if (waves != null) {
        List<String> sizes = new ArrayList<>();
        for (String w : waves) {
          String s = w.strip();
          sizes.add(s.endsWith("a") ? s.substring(0, s.length() - 1) : s.endsWith("%") ? s : s + "%");
        }
        p.put("waves", sizes);
      }
      put(p, "soak", soak);
      put(p, "applyTimeout", applyTimeout);
      Map<String, Object> gates = new LinkedHashMap<>();
      put(gates, "maxMissRate", maxMissRate);
      put(gates, "maxErrorRate", maxErrorRate);
      put(gates, "maxP99Ratio", maxP99Ratio);
      put(gates, "minHeartbeats", minHeartbeats);
      put(gates, "heartbeatTimeout", heartbeatTimeout);
      if (!gates.isEmpty()) p.put("gates", gates);
      if (pin != null || allowed != null || minAccuracy != null) {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("allowed", allowed == null ? List.of() : allowed);
        bounds.put("pinned", pin);
        bounds.put("minAccuracy", minAccuracy == null ? 0.0 : minAccuracy);
        p.put("bounds", bounds);
      }
      return p;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
      if (value != null) m.put(key, value);
    }
  }
}
