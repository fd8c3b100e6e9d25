package io.edgeladder.agent.monitor.linux;

import io.edgeladder.agent.monitor.ProblemLog;
import io.edgeladder.agent.monitor.ResourceProbe;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.Section;
import io.edgeladder.agent.monitor.linux.ProbeFiles.BadFile;
import io.micrometer.core.instrument.Clock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads /proc and /sys under a configurable root ({@code /} on a device, a fixture tree in tests).
 * CPU percentages come from tick deltas between two calls, so the first sample has no CPU section.
 * Files that are missing, unreadable or garbage make their section absent and are counted in the
 * {@link ProblemLog}; nothing is thrown. Called by one thread at a time (see {@link ResourceProbe}).
 */
public final class LinuxProbe implements ResourceProbe {
  private final Path root;
  private final Clock clock;
  private final ProblemLog problems;
  private final ProcReader proc;
  private final SysReader sys;
  private final List<RaplCounter> rapl;
  // Previous readings, owned by the sampling thread.
  private ProcReader.Ticks lastTicks;
  private long lastTickNanos;
  private double lastJoules = Double.NaN;
  private long lastJoulesNanos;

  private LinuxProbe(Path root, Clock clock, ProblemLog problems) {
    this.root = root;
    this.clock = clock;
    this.problems = problems;
    this.proc = new ProcReader(root);
    this.sys = new SysReader(root, problems);
    this.rapl = sys.raplDomains().stream().map(RaplCounter::new).toList();
  }

  /** A probe reading under {@code root} (usually {@code /}). */
  public static LinuxProbe of(Path root, Clock clock, ProblemLog problems) {
    return new LinuxProbe(Objects.requireNonNull(root, "monitor root"), clock, problems);
  }

  @Override
  public ResourceSample sample() {
    Map<Section, String> absent = new EnumMap<>(Section.class);
    ResourceSample.Cpu cpu = cpu(absent);
    ResourceSample.Memory memory = memory(absent);
    Map<String, Double> zones = sys.thermalZones();
    ResourceSample.Thermal thermal = null;
    if (zones.isEmpty()) {
      absent.put(Section.THERMAL, "no readable thermal_zone*/temp under " + root.resolve("sys/class/thermal"));
    } else {
      thermal = new ResourceSample.Thermal(zones, zones.values().stream().mapToDouble(d -> d).max().orElseThrow());
    }
    ResourceSample.Power power = power(absent);
    return new ResourceSample(clock.wallTime(), cpu, memory, thermal, power, absent);
  }

  @Override
  public long problemCount() {
    return problems.count();
  }

  private ResourceSample.Cpu cpu(Map<Section, String> absent) {
    ProcReader.Ticks now;
    long nanos = clock.monotonicTime();
    try {
      now = proc.ticks(false);
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage());
      absent.put(Section.CPU, e.getMessage());
      lastTicks = null;
      return null;
    }
    long process = -1;
    try {
      process = proc.processTicks();
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage()); // process % becomes NaN, the rest stands
    }
    now = new ProcReader.Ticks(now.busy(), now.total(), process);
    double load = Double.NaN;
    try {
      load = proc.load1();
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage());
    }
    ProcReader.Ticks before = lastTicks;
    long beforeNanos = lastTickNanos;
    lastTicks = now;
    lastTickNanos = nanos;
    if (before == null) {
      absent.put(Section.CPU, "first sample: CPU % needs the ticks of two samples");
      return null;
    }
    return ProcReader.cpu(before, now, load, (nanos - beforeNanos) / 1_000_000);
  }

  private ResourceSample.Memory memory(Map<Section, String> absent) {
    long[] mem;
    try {
      mem = proc.meminfo();
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage());
      absent.put(Section.MEMORY, e.getMessage());
      return null;
    }
    long rss = -1;
    try {
      rss = proc.rssBytes();
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage());
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new ResourceSample.Memory(mem[0], mem[1], rss, heap.getUsed(), heap.getMax());
  }

  private ResourceSample.Power power(Map<Section, String> absent) {
    SysReader.Battery battery = null;
    String batteryProblem = null;
    try {
      battery = sys.battery();
    } catch (BadFile e) {
      problems.report(e.file.toString(), e.getMessage());
      batteryProblem = e.getMessage();
    }
    double joules = raplJoules();
    long nanos = clock.monotonicTime();
    double raplWatts = Double.NaN;
    if (!Double.isNaN(joules) && !Double.isNaN(lastJoules) && nanos > lastJoulesNanos) {
      raplWatts = (joules - lastJoules) / ((nanos - lastJoulesNanos) / 1e9);
    }
    lastJoules = joules;
    lastJoulesNanos = nanos;
    if (battery == null && Double.isNaN(joules)) {
      absent.put(Section.POWER, batteryProblem != null ? batteryProblem
          : "no battery under " + root.resolve("sys/class/power_supply") + " and no readable RAPL counter");
      return null;
    }
    double watts = battery != null && !Double.isNaN(battery.watts()) ? battery.watts() : raplWatts;
    return new ResourceSample.Power("linux",
        battery == null ? Double.NaN : battery.percent(),
        battery == null ? ResourceSample.BatteryStatus.UNKNOWN : battery.status(),
        watts, joules, Double.NaN);
  }

  /** Sum over package domains; NaN when none is readable (root-only on many kernels). */
  private double raplJoules() {
    if (rapl.isEmpty()) return Double.NaN;
    double sum = 0;
    for (RaplCounter c : rapl) {
      try {
        sum += c.read();
      } catch (BadFile e) {
        problems.report(e.file.toString(), e.getMessage());
        return Double.NaN;
      }
    }
    return sum;
  }
}
