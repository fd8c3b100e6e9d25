package io.edgeladder.protocol.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Valid sample messages with every field set, for round trips and the AsyncAPI check. */
public final class FleetSamples {
  public static final String SHA_A = "a".repeat(64);
  public static final String SHA_B = "b".repeat(64);
  public static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

  private FleetSamples() {}

  public static Hardware hardware() {
    return new Hardware("Intel(R) Xeon(R) Platinum 8375C", 4, "amd64", "Linux 6.1", 16L << 30,
        List.of("avx2", "avx512f"));
  }

  public static AgentBirth birth() {
    return new AgentBirth("gw-1", "0b6f6f3e-5d7e-4c8e-9a47-2d1f3c9d7a11", T0, "0.1.0", "17.0.12", "1.29.0",
        hardware(), Map.of("site", "plant-3"), List.of(new PipelineInfo("pump-1", "vibration-cnn", "fp32", SHA_B)),
        List.of(SHA_A), "0123456789abcdef");
  }

  public static PipelineKpi kpi() {
    return new PipelineKpi("pump-1", "int8", SHA_A, 1200, 1190, 7, 3, 0.01, 0.0025, 4.75);
  }

  public static Heartbeat heartbeat() {
    return new Heartbeat("gw-1", "0b6f6f3e-5d7e-4c8e-9a47-2d1f3c9d7a11", 42, T0.plusSeconds(210), 210_000, 3,
        List.of(kpi()));
  }

  public static Bounds bounds() {
    return new Bounds(List.of("fp32", "int8"), "int8", 0.9);
  }

  public static DesiredState desired() {
    return new DesiredState("gw-1", 4, T0, List.of(new PipelineDesired("pump-1", "vibration-cnn", SHA_B, bounds())));
  }

  public static PipelineReported pipelineReported() {
    return new PipelineReported("pump-1", SHA_B, "int8", List.of("fp32", "int8"), "pinned int8 failed golden check");
  }

  public static ReportedState reported() {
    return new ReportedState("gw-1", 4, T0.plusSeconds(5), ReportedState.State.PARTIAL, List.of(pipelineReported()));
  }
}
