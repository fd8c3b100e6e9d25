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
    @Option(names = "--model", required = true, paramLabel = "M", description = "model name") String model;
    @Option(names = "--release", required = true, paramLabel = "SHA", description = "release to roll out (models list)")
    String release;
    @Option(names = "--previous", paramLabel = "SHA", description = "roll back to (default: what the agents run)")
    String previous;
    @Option(names = "--selector", paramLabel = "S", description = "agents (default: all running the model)")
    String selector;
    @Option(names = "--canary", paramLabel = "N", description = "canary size: 1 (agents) or 10%% (default: 1)")
    String canary;
    @Option(names = "--waves", split = ",", paramLabel = "P", description = "cumulative percents (default: 50,100)")
    List<String> waves;
    @Option(names = "--soak", paramLabel = "D", description = "per stage, e.g. 30s (default: 10m)")
    String soak;
    @Option(names = "--apply-timeout", paramLabel = "D", description = "per stage, to apply (default: 10m)")
    String applyTimeout;
    @Option(names = "--max-miss-rate", paramLabel = "x", description = "deadline-miss gate (default: 0.05)")
    Double maxMissRate;
    @Option(names = "--max-error-rate", paramLabel = "x", description = "error-rate gate (default: 0.05)")
    Double maxErrorRate;
    @Option(names = "--max-p99-ratio", paramLabel = "x", description = "p99 vs previous release (default: 1.5)")
    Double maxP99Ratio;
    @Option(names = "--min-heartbeats", paramLabel = "N", description = "per agent and stage (default: 3)")
    Integer minHeartbeats;
    @Option(names = "--heartbeat-timeout", paramLabel = "D", description = "silent agent fails the gate (default: 2m)")
    String heartbeatTimeout;
    @Option(names = "--pin", paramLabel = "V", description = "bounds: serve only this variant") String pin;
    @Option(names = "--allowed", split = ",", paramLabel = "a,b", description = "bounds: allowed variants")
    List<String> allowed;
    @Option(names = "--min-accuracy", paramLabel = "x", description = "bounds: minimum variant accuracy")
    Double minAccuracy;

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
