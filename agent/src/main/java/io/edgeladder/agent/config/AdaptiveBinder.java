package io.edgeladder.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Binds {@code adaptive:}; pinned and allowed ids must exist in every pipeline's ladder. */
final class AdaptiveBinder {
  private AdaptiveBinder() {}

  /** Returns null when a problem was reported. */
  static AgentConfig.Adaptive bind(Section a, Path baseDir, Map<String, List<String>> ladderIds, Problems problems) {
    int before = problems.size();
    AgentConfig.Adaptive d = AgentConfig.Adaptive.ofDefaults();
    boolean enabled = a.bool("enabled", d.enabled());
    int period = a.integer("periodMs", d.periodMillis(), 1);
    int holdDown = a.integer("holdDownMs", d.holdDownMillis(), 0);
    double margin = a.number("deadlineMargin", d.deadlineMargin(), 0, 0.99);
    int probation = a.integer("probationMs", d.probationMillis(), 0);
    double maxMiss = a.number("maxMissRate", d.maxMissRate(), 0, 1);
    double minAccuracy = a.number("minAccuracy", d.minAccuracy(), 0, 1);
    String pinned = a.string("pinned", null);
    List<String> allowed = a.child("allowed").isMissingNode() || a.child("allowed").isNull()
        ? List.of() : a.requiredStringList("allowed");
    String state = a.string("stateDir", null);
    Path stateDir = null;
    if (state != null) {
      try {
        stateDir = baseDir.resolve(state).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        problems.at(a.path("stateDir"), "is not a valid path: '" + state + "'");
      }
    }
    double budget = a.number("energyBudgetWatts", d.energyBudgetWatts(), 1e-9, Double.MAX_VALUE);
    double floor = a.number("energyFloor", d.energyFloor(), 0, 1);
    double cpuCap = a.number("maxCpuUtilization", d.maxCpuUtilization(), 0.01, 1);
    AgentConfig.ProfileRefresh dr = d.profileRefresh();
    Section r = Section.open(a.child("profileRefresh"), a.path("profileRefresh"),
        (Shape.Obj) ((Shape.Obj) Schema.ROOT.fields().get("adaptive")).fields().get("profileRefresh"), problems);
    AgentConfig.ProfileRefresh refresh = new AgentConfig.ProfileRefresh(r.bool("enabled", dr.enabled()),
        r.number("loadDeltaCores", dr.loadDeltaCores(), 1e-3, Double.MAX_VALUE), r.integer("samples", dr.samples(), 1),
        r.integer("minIntervalMs", dr.minIntervalMillis(), 0));
    if (pinned != null) checkId(a.path("pinned"), pinned, ladderIds, problems);
    for (int i = 0; i < allowed.size(); i++) {
      checkId(a.path("allowed") + "[" + i + "]", allowed.get(i), ladderIds, problems);
    }
    if (problems.size() > before) return null;
    return new AgentConfig.Adaptive(enabled, period, holdDown, margin, probation, maxMiss, minAccuracy, pinned,
        allowed, stateDir, budget, floor, refresh, cpuCap);
  }

  private static void checkId(String path, String id, Map<String, List<String>> ladderIds, Problems problems) {
    if (ladderIds.isEmpty()) {
      problems.at(path, "names variant '" + id + "' but no pipeline has a ladder");
    }
    ladderIds.forEach((pipeline, ids) -> {
      if (!ids.isEmpty() && !ids.contains(id)) {
        problems.at(path, "names variant '" + id + "' which pipeline " + pipeline + "'s ladder lacks; accepted: "
            + ids);
      }
    });
  }
}
