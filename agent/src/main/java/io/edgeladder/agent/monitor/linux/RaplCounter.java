package io.edgeladder.agent.monitor.linux;

import io.edgeladder.agent.monitor.linux.ProbeFiles.BadFile;
import java.nio.file.Path;

/**
 * Accumulates one RAPL domain's {@code energy_uj} into joules since the first read. The counter wraps at
 * {@code max_energy_range_uj} (every few minutes under load on a big package), so a decrease is taken as
 * one wrap. Not thread-safe: the probe's sampling thread owns it.
 */
final class RaplCounter {
  private final Path domain;
  private long last = -1;
  private long range = -1;
  private double joules;

  RaplCounter(Path domain) {
    this.domain = domain;
  }

  /** Reads the counter and returns the joules accumulated since the first successful read. */
  double read() throws BadFile {
    long now = ProbeFiles.readLong(domain.resolve("energy_uj"));
    if (now < 0) throw new BadFile(domain.resolve("energy_uj"), "holds a negative count " + now);
    if (last >= 0) {
      long delta = now - last;
      if (delta < 0) {
        if (range < 0) range = ProbeFiles.readLong(domain.resolve("max_energy_range_uj"));
        if (range < last) {
          throw new BadFile(domain.resolve("max_energy_range_uj"), "is " + range + " below the last count " + last);
        }
        delta = range - last + now;
      }
      joules += delta / 1e6;
    }
    last = now;
    return joules;
  }

  Path domain() {
    return domain;
  }
}
