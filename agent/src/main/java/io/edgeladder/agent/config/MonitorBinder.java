package io.edgeladder.agent.config;

import io.edgeladder.agent.monitor.sim.HarvestTrace;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Binds {@code monitor:}; a harvest CSV is read here so a bad trace fails at startup, with the others. */
final class MonitorBinder {
  static final List<String> SOURCES = List.of("linux", "simulated");

  private MonitorBinder() {}

  /** Returns null when a problem was reported. */
  static AgentConfig.Monitor bind(Section m, Path baseDir, Problems problems) {
    int before = problems.size();
    AgentConfig.Monitor d = AgentConfig.Monitor.ofDefaults();
    AgentConfig.Power dp = d.power();
    boolean enabled = m.bool("enabled", d.enabled());
    int period = m.integer("periodMs", d.periodMillis(), 1);
    int telemetry = m.integer("telemetryPeriodMs", d.telemetryPeriodMillis(), 1);
    Path root = path(m, "root", m.string("root", "/"), baseDir, problems);

    Section p = Section.open(m.child("power"), m.path("power"),
        (Shape.Obj) ((Shape.Obj) Schema.ROOT.fields().get("monitor")).fields().get("power"), problems);
    String source = p.oneOf("source", dp.source(), SOURCES);
    double batteryWh = p.number("batteryWh", dp.batteryWh(), 1e-6, Double.MAX_VALUE);
    double soc = p.number("initialSoc", dp.initialSoc(), 0, 1);
    double idle = p.number("idleWatts", dp.idleWatts(), 0, Double.MAX_VALUE);
    double perCore = p.number("wattsPerCore", dp.wattsPerCore(), 0, Double.MAX_VALUE);
    double peak = p.number("harvestPeakWatts", dp.harvestPeakWatts(), 0, Double.MAX_VALUE);
    double harvestPeriod = p.number("harvestPeriodSeconds", dp.harvestPeriodSeconds(), 1e-3, Double.MAX_VALUE);
    long seed = p.integer("seed", (int) dp.seed(), Integer.MIN_VALUE);
    String trace = p.string("harvestTrace", "none");
    String harvest = trace.equals("none") || trace.equals("diurnal") ? trace : "csv";
    Path csv = null;
    if (harvest.equals("csv")) {
      csv = path(p, "harvestTrace", trace, baseDir, problems);
      if (csv != null) {
        try {
          HarvestTrace.fromCsv(csv);
        } catch (IOException | IllegalArgumentException e) {
          problems.at(p.path("harvestTrace"), "cannot be used: " + e.getMessage());
        }
      }
    }
    if (problems.size() > before) return null;
    return new AgentConfig.Monitor(enabled, period, telemetry, root,
        new AgentConfig.Power(source, batteryWh, soc, idle, perCore, harvest, csv, peak, harvestPeriod, seed));
  }

  private static Path path(Section s, String key, String value, Path baseDir, Problems problems) {
    try {
      return baseDir.resolve(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problems.at(s.path(key), "is not a valid path: '" + value + "'");
      return null;
    }
  }
}
