package io.edgeladder.agent.monitor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of the device's resources. Each section is either present or null with the reason it is
 * absent in {@link #absent()} (e.g. {@code "no battery or RAPL counter under /sys"}); a present section
 * may still hold NaN / -1 in fields its source does not provide.
 *
 * @param timeMillis wall-clock time of the sample, epoch milliseconds
 * @param cpu CPU load over the interval since the previous sample, or null
 * @param memory memory at sample time, or null
 * @param thermal temperatures at sample time, or null
 * @param power battery / energy readings, or null
 * @param absent why each null section is absent; exactly the null sections are keys
 */
public record ResourceSample(
    long timeMillis, Cpu cpu, Memory memory, Thermal thermal, Power power, Map<Section, String> absent) {

  /** The four optional sections. */
  public enum Section { CPU, MEMORY, THERMAL, POWER }

  public ResourceSample {
    absent = absent.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(absent));
    check(Section.CPU, cpu, absent);
    check(Section.MEMORY, memory, absent);
    check(Section.THERMAL, thermal, absent);
    check(Section.POWER, power, absent);
  }

  private static void check(Section s, Object value, Map<Section, String> absent) {
    if ((value == null) != absent.containsKey(s)) {
      throw new IllegalArgumentException("resource sample: section " + s + " is "
          + (value == null ? "null without a reason" : "present but also listed as absent"));
    }
  }

  /** A copy with the power section replaced (a simulated source over a real probe). */
  public ResourceSample withPower(Power newPower, String reasonIfNull) {
    Map<Section, String> reasons = new EnumMap<>(Section.class);
    reasons.putAll(absent);
    reasons.remove(Section.POWER);
    if (newPower == null) reasons.put(Section.POWER, Objects.requireNonNull(reasonIfNull, "reason"));
    return new ResourceSample(timeMillis, cpu, memory, thermal, newPower, reasons);
  }

  /**
   * CPU use over the interval since the previous sample, from {@code /proc/stat} deltas.
   *
   * @param systemPercent busy share of all cores, 0..100
   * @param processPercent this JVM's share of all cores, 0..100 (NaN when unknown)
   * @param perCorePercent busy share of each core, 0..100, in core order
   * @param load1 one-minute load average (NaN when unknown)
   * @param intervalMillis length of the interval the percentages cover
   */
  public record Cpu(double systemPercent, double processPercent, List<Double> perCorePercent, double load1,
      long intervalMillis) {
    public Cpu {
      perCorePercent = List.copyOf(perCorePercent);
      if (!(systemPercent >= 0 && systemPercent <= 100)) {
        throw new IllegalArgumentException("cpu.systemPercent must be in 0..100 but was " + systemPercent);
      }
    }

    /** Cores in use, e.g. 1.5 of 4 (what a power model charges for). */
    public double busyCores() {
      return systemPercent / 100.0 * Math.max(1, perCorePercent.size());
    }
  }

  /**
   * @param totalBytes physical memory
   * @param availableBytes memory available to new work ({@code MemAvailable})
   * @param processRssBytes this process's resident set, or -1 when unknown
   * @param heapUsedBytes JVM heap in use
   * @param heapMaxBytes JVM heap limit, or -1 when unbounded
   */
  public record Memory(long totalBytes, long availableBytes, long processRssBytes, long heapUsedBytes,
      long heapMaxBytes) {
    public Memory {
      if (totalBytes <= 0 || availableBytes < 0) {
        throw new IllegalArgumentException("memory.totalBytes must be > 0 and availableBytes >= 0 but were "
            + totalBytes + ", " + availableBytes);
      }
    }
  }

  /**
   * @param zonesCelsius each readable zone ({@code type} name, or {@code thermal_zoneN}) in °C
   * @param maxCelsius the hottest zone
   */
  public record Thermal(Map<String, Double> zonesCelsius, double maxCelsius) {
    public Thermal {
      zonesCelsius = Map.copyOf(zonesCelsius);
      if (zonesCelsius.isEmpty()) throw new IllegalArgumentException("thermal: no zones");
    }
  }

  /** Battery state as {@code /sys/class/power_supply/.../status} reports it. */
  public enum BatteryStatus { CHARGING, DISCHARGING, FULL, NOT_CHARGING, UNKNOWN }

  /**
   * @param source {@code linux} or {@code simulated}
   * @param batteryPercent state of charge 0..100, NaN without a battery
   * @param status battery status, {@link BatteryStatus#UNKNOWN} without a battery
   * @param watts power drawn by the device (battery discharge, or RAPL package power), NaN when unknown
   * @param energyJoules energy consumed since the probe started (RAPL or simulated), NaN when unknown
   * @param harvestWatts power coming in from a harvester (simulated solar), NaN when unknown
   */
  public record Power(String source, double batteryPercent, BatteryStatus status, double watts,
      double energyJoules, double harvestWatts) {
    public Power {
      Objects.requireNonNull(source, "power.source");
      Objects.requireNonNull(status, "power.status");
      if (batteryPercent < 0 || batteryPercent > 100) {
        throw new IllegalArgumentException("power.batteryPercent must be in 0..100 but was " + batteryPercent);
      }
    }

    public boolean hasBattery() {
      return !Double.isNaN(batteryPercent);
    }
  }
}
