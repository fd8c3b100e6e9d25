package io.edgeladder.controller.fleet;

import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Hardware;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineInfo;
import io.edgeladder.protocol.fleet.PipelineKpi;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Protocol messages as an agent with one {@code pump-1} pipeline of {@code vibration-cnn} sends them. */
public final class FleetFixtures {
  public static final String PIPELINE = "pump-1";
  public static final String MODEL = "vibration-cnn";
  public static final String FP32_SHA = "b119e1bea9bd57a9a1c15afcfd784fae18ba42751b2c7d1ccd96059daae85684";

  private FleetFixtures() {}

  public static AgentBirth birth(String agentId, String incarnation, Map<String, String> labels) {
    return new AgentBirth(agentId, incarnation, Instant.parse("2026-11-24T00:00:00Z"), "0.1.0", "17.0.15",
        "1.29.0", new Hardware("AMD EPYC", 2, "amd64", "Linux 6.1", 8L << 30, List.of("avx2")), labels,
        List.of(new PipelineInfo(PIPELINE, MODEL, "fp32", null)), List.of(), null);
  }

  public static Heartbeat heartbeat(String agentId, String incarnation, long seq, double missRate) {
    return new Heartbeat(agentId, incarnation, seq, Instant.parse("2026-11-24T00:00:05Z"), 5_000 * (seq + 1), 0,
        List.of(new PipelineKpi(PIPELINE, "fp32", FP32_SHA, 100 * (seq + 1), 100 * (seq + 1), 0, 0, missRate, 0,
            12.5)));
  }
}
