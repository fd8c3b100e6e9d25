package io.edgeladder.agent.monitor.linux;

import io.edgeladder.agent.monitor.ProblemLog;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;
import io.edgeladder.agent.monitor.linux.ProbeFiles.BadFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Parses /sys: thermal zones, the first battery under power_supply, and RAPL package counters. */
final class SysReader {
  private static final Pattern RAPL_PACKAGE = Pattern.compile("intel-rapl:\\d+");

  private final Path thermal;
  private final Path powerSupply;
  private final Path powercap;
  private final ProblemLog problems;

  SysReader(Path root, ProblemLog problems) {
    Path sysClass = root.resolve("sys").resolve("class");
    this.thermal = sysClass.resolve("thermal");
    this.powerSupply = sysClass.resolve("power_supply");
    this.powercap = sysClass.resolve("powercap");
    this.problems = problems;
  }

  /** Readable zones in °C, keyed by their {@code type} (or directory name); bad zones are reported and skipped. */
  Map<String, Double> thermalZones() {
    Map<String, Double> zones = new TreeMap<>();
    for (Path zone : list(thermal, "thermal_zone")) {
      try {
        long milli = ProbeFiles.readLong(zone.resolve("temp"));
        String name = zone.getFileName().toString();
        try {
          name = ProbeFiles.read(zone.resolve("type")).strip() + "/" + name;
        } catch (BadFile ignored) {
          // the type only makes the name readable; the temperature is what matters
        }
        zones.put(name, milli / 1000.0);
      } catch (BadFile e) {
        problems.report(e.file.toString(), e.getMessage());
      }
    }
    return zones;
  }

  /** A battery reading in raw units; fields are NaN when their files are absent. */
  record Battery(double percent, BatteryStatus status, double watts) {}

  /** The first power supply of type Battery, or null when there is none (not a problem: mains only). */
  Battery battery() throws BadFile {
    for (Path supply : list(powerSupply, "")) {
      String type;
      try {
        type = ProbeFiles.read(supply.resolve("type")).strip();
      } catch (BadFile e) {
        type = Files.exists(supply.resolve("capacity")) ? "Battery" : "";
      }
      if (!type.equals("Battery")) continue;
      long capacity = ProbeFiles.readLong(supply.resolve("capacity"));
      if (capacity < 0 || capacity > 100) {
        throw new BadFile(supply.resolve("capacity"), "holds " + capacity + ", not a percentage");
      }
      return new Battery(capacity, status(supply), watts(supply));
    }
    return null;
  }

  private BatteryStatus status(Path supply) {
    try {
      String s = ProbeFiles.read(supply.resolve("status")).strip().toUpperCase(Locale.ROOT).replace(' ', '_');
      return BatteryStatus.valueOf(s);
    } catch (BadFile | IllegalArgumentException e) {
      problems.report(supply.resolve("status").toString(), supply.resolve("status") + " unreadable: " + e.getMessage());
      return BatteryStatus.UNKNOWN;
    }
  }

  /** power_now (µW), else current_now (µA) × voltage_now (µV). */
  private double watts(Path supply) {
    try {
      if (Files.exists(supply.resolve("power_now"))) return ProbeFiles.readLong(supply.resolve("power_now")) / 1e6;
      if (Files.exists(supply.resolve("current_now"))) {
        double amps = ProbeFiles.readLong(supply.resolve("current_now")) / 1e6;
        double volts = ProbeFiles.readLong(supply.resolve("voltage_now")) / 1e6;
        return Math.abs(amps * volts);
      }
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage());
    }
    return Double.NaN;
  }

  /** RAPL package domains that have an energy counter (sub-domains are inside their package's count). */
  List<Path> raplDomains() {
    List<Path> out = new ArrayList<>();
    for (Path p : list(powercap, "intel-rapl:")) {
      if (RAPL_PACKAGE.matcher(p.getFileName().toString()).matches() && Files.exists(p.resolve("energy_uj"))) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<Path> list(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
