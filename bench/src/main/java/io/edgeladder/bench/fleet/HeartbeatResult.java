package io.edgeladder.bench.fleet;

import java.util.Map;

/**
 * Controller cost of heartbeats: N agents in a child JVM (with the broker) sending real Heartbeat JSON at a fixed
 * rate into the real FleetIngest and the H2 file registry in this process.
 *
 * @param sent heartbeats the child published (QoS 0)
 * @param recorded heartbeats the registry recorded
 * @param otherOutcomes heartbeats with another outcome (expected 0)
 * @param wallMs from {@code go} to the last heartbeat recorded
 * @param controllerCpuMs CPU time of the controller's JVM over {@code wallMs} (every thread: Paho, lanes, H2, GC, JIT)
 * @param cpuMsPer1000 {@code controllerCpuMs} per 1 000 recorded heartbeats
 * @param steadyCpuMsPer1000 the same over the last three quarters of the heartbeats only (births recorded and
 *     JIT warm before it starts)
 * @param cpuShareOfOneCore {@code controllerCpuMs / wallMs}
 * @param lag ingest lag: heartbeat sent to its database write returned, ms
 * @param cpuMsByThread the largest Java thread groups' CPU ms over the run (names with digits as {@code #})
 */
public record HeartbeatResult(int agents, double rateHz, double seconds, long sent, int recorded, int otherOutcomes,
    double wallMs, double controllerCpuMs, double cpuMsPer1000, double steadyCpuMsPer1000, double cpuShareOfOneCore, Pcts lag,
    Map<String, Double> cpuMsByThread) {}
