package io.edgeladder.controller.store;

import io.edgeladder.controller.store.fleet.Hardware;
import io.edgeladder.controller.store.fleet.HeartbeatReport;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Valid records to start tests from. */
public final class Fixtures {
  public static final String SHA_A = "a".repeat(64);
  public static final String SHA_B = "b".repeat(64);
  public static final String SHA_C = "c".repeat(64);
  public static final Hardware HARDWARE =
      new Hardware("Cortex-A72", 4, "aarch64", "Linux 6.1", 4L << 30, List.of("neon", "asimd"));

  private Fixtures() {}

  public static Registration birth(String agentId, String incarnation, Map<String, String> labels) {
    return new Registration(agentId, incarnation, Instant.parse("2026-03-01T09:59:00Z"), "0.1.0",
        "17.0.15", "1.29.0", HARDWARE, labels,
        List.of(new PipelineInfo("vibration", "pump-ae", "fp32", null),
            new PipelineInfo("audio", "kws", "int8", SHA_A)),
        List.of(SHA_B, SHA_C), "0123456789abcdef");
  }

  public static PipelineKpis kpis(String pipeline, double missRate) {
    return new PipelineKpis(pipeline, "fp32", SHA_B, 100, 99, 1, 0, missRate, 0.0, 12.5);
  }

  public static HeartbeatReport heartbeat(String agentId, String incarnation, long seq, double missRate) {
    return new HeartbeatReport(agentId, incarnation, seq, 1000 * seq, 0,
        List.of(kpis("vibration", missRate), kpis("audio", missRate / 2)));
  }

  public static ReleaseRecord release(String sha, String model, Instant createdAt, String artifactSha) {
    return new ReleaseRecord(sha, model, createdAt,
        ByteBuffer.wrap(("{\"keyId\":\"k\",\"payload\":\"" + sha + "\"}").getBytes(StandardCharsets.UTF_8)),
        "{\"model\":\"" + model + "\"}",
        List.of(new ReleaseArtifact("fp32", artifactSha, 1234), new ReleaseArtifact("int8", SHA_C, 400)));
  }
}
