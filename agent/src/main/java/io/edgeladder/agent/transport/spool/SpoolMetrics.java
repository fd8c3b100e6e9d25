package io.edgeladder.agent.transport.spool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The spool's counters (Prometheus adds {@code _total}):
 *
 * <ul>
 *   <li>{@code edge.spool.spooled}: records written (publishes that could not go out at once)
 *   <li>{@code edge.spool.replayed}: records the broker acknowledged on replay (they left the spool)
 *   <li>{@code edge.spool.dropped}: records dropped unsent: the oldest segment when the spool is full,
 *       or a record larger than half the bound
 *   <li>{@code edge.spool.corrupt}: torn or corrupt stretches cut off a segment (at start after a crash,
 *       or when a record fails its CRC on replay)
 *   <li>{@code edge.spool.refused}: replayed records the broker refused with a reason code (dropped:
 *       resending cannot help)
 *   <li>{@code edge.spool.errors}: I/O errors (a publish that could not be spooled fails its future)
 * </ul>
 * The gauges {@code edge.spool.bytes} (segment bytes on disk) and {@code edge.spool.records} (records
 * not yet acknowledged) are registered by {@link SpoolingTransport}.
 */
final class SpoolMetrics {
  final Counter spooled;
  final Counter replayed;
  final Counter dropped;
  final Counter corrupt;
  final Counter refused;
  final Counter errors;

  SpoolMetrics(MeterRegistry registry) {
    spooled = counter(registry, "edge.spool.spooled", "records written to the spool");
    replayed = counter(registry, "edge.spool.replayed", "spooled records acknowledged by the broker");
    dropped = counter(registry, "edge.spool.dropped", "spooled records dropped unsent (spool full)");
    corrupt = counter(registry, "edge.spool.corrupt", "torn or corrupt stretches cut off the spool");
    refused = counter(registry, "edge.spool.refused", "replayed records the broker refused");
    errors = counter(registry, "edge.spool.errors", "spool I/O errors");
  }

  private static Counter counter(MeterRegistry registry, String name, String what) {
    return Counter.builder(name).description(what).register(registry);
  }
}
