package io.edgeladder.demo;

import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plays a {@link Scenario}: starts and stops the CPU hog process at the scripted times, and turns what
 * the simulated battery does (harvest on or off, charging, below the energy floor, empty, full) into
 * scenario lines for the timeline. Called once a second by the demo's loop; owns the hog process.
 */
final class ScenarioRunner implements AutoCloseable {
  private static final double HARVEST_ON_WATTS = 0.01;

  private final Scenario scenario;
  private final DeviceState device;
  private final double energyFloorPercent;
  private HogProcess hog;
  private Boolean harvesting;
  private BatteryStatus status;
  private Boolean belowFloor;
  private int hogsStarted;

  ScenarioRunner(Scenario scenario, DeviceState device, double energyFloor) {
    this.scenario = scenario;
    this.device = device;
    this.energyFloorPercent = energyFloor * 100;
  }

  /** Applies the script at {@code elapsedSeconds}; returns the steps that happened, as timeline lines. */
  List<String> step(double elapsedSeconds) {
    List<String> lines = new ArrayList<>();
    boolean on = scenario.hogOn(elapsedSeconds);
    if (on && hog == null) {
      try {
        hog = HogProcess.start(scenario.hogCores());
        hogsStarted++;
        lines.add(line(elapsedSeconds, String.format(Locale.ROOT,
            "CPU hog starts: %d core(s) busy in process %d (other processes' load for the monitor)",
            hog.cores(), hog.pid())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the CPU hog process", e);
      }
    } else if (!on && hog != null) {
      hog.close();
      hog = null;
      lines.add(line(elapsedSeconds, "CPU hog stops"));
    }
    ResourceSample.Power p = device.power();
    if (p != null) battery(elapsedSeconds, p, lines);
    return lines;
  }

  private void battery(double t, ResourceSample.Power p, List<String> lines) {
    boolean h = !Double.isNaN(p.harvestWatts()) && p.harvestWatts() > HARVEST_ON_WATTS;
    if (harvesting != null && h != harvesting) {
      lines.add(line(t, h ? String.format(Locale.ROOT, "harvest starts: %.1f W coming in", p.harvestWatts())
          : "harvest stops: running on the battery"));
    }
    harvesting = h;
    boolean below = p.batteryPercent() < energyFloorPercent;
    if (belowFloor != null && below != belowFloor) {
      lines.add(line(t, String.format(Locale.ROOT, below
          ? "battery %.0f%% fell below the energy floor (%.0f%%): the budget shrinks towards 0 W"
          : "battery %.0f%% back above the energy floor (%.0f%%): full budget", p.batteryPercent(),
          energyFloorPercent)));
    }
    belowFloor = below;
    if (status != null && p.status() != status) {
      lines.add(line(t, String.format(Locale.ROOT, "battery %s at %.0f%%", p.status().name().toLowerCase(Locale.ROOT),
          p.batteryPercent())));
    }
    status = p.status();
  }

  private String line(double t, String what) {
    return String.format(Locale.ROOT, "%+7.1fs  %-8s %s | %s", t, "scenario", what, device.describe());
  }

  int hogsStarted() {
    return hogsStarted;
  }

  @Override
  public void close() {
    if (hog != null) {
      hog.close();
      hog = null;
    }
  }
}
